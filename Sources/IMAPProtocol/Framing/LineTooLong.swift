/// A line longer than the limit; `observed` is how many bytes had arrived when the framer stopped.
public struct LineTooLong: Error, Hashable, Sendable {
    /// The configured limit, in bytes (CRLF included).
    public var limit: Int
    /// Bytes of the line seen when the limit was crossed (always `limit + 1`).
    public var observed: Int

    /// Creates the error.
    public init(limit: Int, observed: Int) {
        self.limit = limit
        self.observed = observed
    }
}
