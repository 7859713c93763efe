/// One line of the IMAP conversation, with every credential already replaced by `<redacted>`.
public struct TranscriptLine: Sendable, Hashable {
    /// Who sent it.
    public enum Direction: String, Sendable, Hashable, Codable {
        case client = "C"
        case server = "S"
        /// Something the probe did outside IMAP (TLS handshake, connect), for context.
        case note = "*"
    }

    /// Who sent the line.
    public var direction: Direction
    /// The line without CRLF; literals are summarised as `{N octets}`.
    public var text: String
    /// Time since the probe started.
    public var offset: Duration

    /// A transcript line; `text` must already be redacted.
    public init(direction: Direction, text: String, offset: Duration) {
        self.direction = direction
        self.text = text
        self.offset = offset
    }
}
