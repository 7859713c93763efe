/// Limits the reply framer enforces as bytes arrive.
public struct ReplyFramingOptions: Hashable, Sendable {
    /// The longest line accepted, in bytes, counting its CRLF. RFC 5321 §4.5.3.1.5 sets 512; servers send longer
    /// EHLO lines and texts, so the default allows more, but not without bound.
    public var maxLineLength: Int
    /// The most lines one reply may have (an EHLO reply has one per extension).
    public var maxLines: Int

    /// Creates options; the defaults suit a client that reads greetings, EHLO lists and refusals.
    public init(maxLineLength: Int = 4096, maxLines: Int = 128) {
        self.maxLineLength = maxLineLength
        self.maxLines = maxLines
    }
}
