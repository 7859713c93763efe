/// A response larger than the limit.
public struct ResponseTooLarge: Error, Hashable, Sendable {
    /// The configured limit, in bytes.
    public var limit: Int
    /// The size reached or announced when the framer stopped, in bytes.
    public var observed: UInt64

    /// Creates the error.
    public init(limit: Int, observed: UInt64) {
        self.limit = limit
        self.observed = observed
    }
}
