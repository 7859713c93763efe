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
