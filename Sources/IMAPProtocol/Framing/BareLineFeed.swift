/// A lone LF used as a line ending.
public struct BareLineFeed: Error, Hashable, Sendable {
    /// The LF's offset in the whole byte stream since the framer was created.
    public var offset: Int

    /// Creates the error.
    public init(offset: Int) {
        self.offset = offset
    }
}
