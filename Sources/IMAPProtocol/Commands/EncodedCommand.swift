/// A command ready for the wire: its parts, and what may be shown of them.
public struct EncodedCommand: Hashable, Sendable {
    /// One piece to send: its bytes (ending in CRLF) and its transcript (no CRLF, credentials `<redacted>`).
    public struct Part: Hashable, Sendable {
        /// The bytes to write.
        public var bytes: [UInt8]
        /// The printable form of `bytes`, safe to log.
        public var transcript: String
    }

    /// The command's tag.
    public var tag: String
    /// The first part, then one part per synchronizing literal, each sent after a continuation request.
    public var sendParts: [Part]
    /// The whole command as it may be shown, credentials `<redacted>`.
    public var transcript: String
    /// For AUTHENTICATE without SASL-IR: the base64 line to send after the first continuation request.
    public var pendingSASLResponse: Part?
    /// For AUTHENTICATE: the line answering each challenge after the initial response (an error report).
    public var saslChallengeAnswer = Part(bytes: [13, 10], transcript: "<redacted>")
    /// Whether this is AUTHENTICATE (continuations after the last part are SASL challenges).
    public var isAuthenticate: Bool
    /// Whether this is LOGOUT (an untagged BYE is expected, not an error).
    public var isLogout: Bool

    /// The byte parts to send: the first at once, each further one after a continuation request.
    public var parts: [[UInt8]] { sendParts.map(\.bytes) }
}
