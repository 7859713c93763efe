/// Limits the parser enforces on one complete frame.
public struct ParserOptions: Hashable, Sendable {
    /// The deepest parenthesis nesting accepted (in FETCH values such as BODYSTRUCTURE).
    public var maxNestingDepth: Int

    /// Creates options; 32 levels is far beyond any real BODYSTRUCTURE.
    public init(maxNestingDepth: Int = 32) {
        self.maxNestingDepth = maxNestingDepth
    }
}
