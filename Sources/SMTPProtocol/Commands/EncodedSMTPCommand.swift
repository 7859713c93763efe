/// A command ready for the wire: its bytes, and what may be shown of them.
public struct EncodedSMTPCommand: Hashable, Sendable {
    /// The bytes to write, ending in CRLF.
    public var bytes: [UInt8]
    /// The printable form, without CRLF: AUTH's responses are `<redacted>`, a message is summarised by its size.
    public var transcript: String
}
