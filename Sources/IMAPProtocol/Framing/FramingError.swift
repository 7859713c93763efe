/// Why the framer gave up on the byte stream. Once thrown, the framer keeps throwing it.
public enum FramingError: Error, Hashable, Sendable {
    /// A line grew past `FramingOptions.maxLineLength`.
    case lineTooLong(LineTooLong)
    /// A literal announced more bytes than `FramingOptions.maxLiteralSize`.
    case literalTooLarge(LiteralTooLarge)
    /// A literal's length does not fit in 64 bits.
    case literalLengthOverflow(LiteralLengthOverflow)
    /// A response grew (or announced it would grow) past `FramingOptions.maxResponseSize`.
    case responseTooLarge(ResponseTooLarge)
    /// A line ended with LF alone; IMAP requires CRLF.
    case bareLineFeed(BareLineFeed)
}

/// A line longer than the limit; `observed` is how many bytes had arrived when the framer stopped.
public struct LineTooLong: Error, Hashable, Sendable {
    /// The configured limit, in bytes (CRLF included).
    public var limit: Int
    /// Bytes of the line seen when the limit was crossed (always `limit + 1`).
    public var observed: Int
}

/// A literal announcement larger than the limit.
public struct LiteralTooLarge: Error, Hashable, Sendable {
    /// The configured limit, in bytes.
    public var limit: Int
    /// The size the server announced.
    public var announced: UInt64
}

/// A literal announcement whose length overflows a 64-bit number (for example `{18446744073709551617}`).
public struct LiteralLengthOverflow: Error, Hashable, Sendable {
    /// How many decimal digits the announcement had.
    public var digitCount: Int
}

/// A response larger than the limit.
public struct ResponseTooLarge: Error, Hashable, Sendable {
    /// The configured limit, in bytes.
    public var limit: Int
    /// The size reached or announced when the framer stopped, in bytes.
    public var observed: UInt64
}

/// A lone LF used as a line ending.
public struct BareLineFeed: Error, Hashable, Sendable {
    /// The LF's offset in the whole byte stream since the framer was created.
    public var offset: Int
}
