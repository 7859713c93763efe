/// A literal announcement larger than the limit.
public struct LiteralTooLarge: Error, Hashable, Sendable {
    /// The configured limit, in bytes.
    public var limit: Int
    /// The size the server announced.
    public var announced: UInt64

    /// Creates the error.
    public init(limit: Int, announced: UInt64) {
        self.limit = limit
        self.announced = announced
    }
}
