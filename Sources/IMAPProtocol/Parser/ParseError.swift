/// A complete frame that does not follow the IMAP response grammar.
public struct ParseError: Error, Hashable, Sendable {
    /// What went wrong.
    public enum Reason: Hashable, Sendable {
        /// The frame ended where more was required.
        case unexpectedEnd(expected: String)
        /// A byte other than the grammar allows here.
        case unexpectedByte(UInt8, expected: String)
        /// A number too large for its field (number, nz-number, number64).
        case numberOverflow
        /// A number that must be non-zero was zero.
        case zeroNotAllowed
        /// Parentheses nested deeper than `ParserOptions.maxNestingDepth`.
        case nestingTooDeep(limit: Int)
        /// A literal announced more bytes than the frame holds.
        case literalExceedsFrame(announced: UInt64, available: Int)
        /// Bytes after the response's final CRLF.
        case trailingBytes
        /// The first response was not `* OK`, `* PREAUTH` or `* BYE`.
        case notAGreeting
    }

    /// What went wrong.
    public var reason: Reason
    /// Offset of the offending byte in the frame.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }
}
