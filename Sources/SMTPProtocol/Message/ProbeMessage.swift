/// The message a mail-flow probe submits: small, plain text, and findable by its token alone.
///
/// The token is in a header of its own (`X-Imapwatch-Probe`, which an IMAP `SEARCH HEADER` finds), in the Subject
/// (for a person reading the mailbox) and in the Message-ID. Only a token the probe made (letters, digits and
/// "-") is accepted, so no header can be split or added through it.
public struct ProbeMessage: Hashable, Sendable {
    /// The header that carries the token.
    public static let tokenHeader = "X-Imapwatch-Probe"
    /// The Subject's text before the token.
    public static let subjectPrefix = "imapwatch mail-flow probe"

    /// The token.
    public let token: String
    /// The message's content: header lines and body, CRLF line ends, not yet dot-stuffed.
    public let bytes: [UInt8]

    /// Why a message could not be made.
    public enum Problem: Error, Hashable, Sendable {
        /// The token is not 8 to 64 letters, digits or "-".
        case invalidToken(String)
        /// The host name for the Message-ID is not a domain.
        case invalidHostName(String)
    }

    /// A message from `from` to `to` with `token`, dated `unixTime` (seconds, UTC), its Message-ID on `hostName`.
    public init(token: String, from: MailAddress, to: MailAddress, unixTime: Int, hostName: String) throws(Problem) {
        guard (8...64).contains(token.utf8.count), token.utf8.allSatisfy(Self.isTokenByte) else {
            throw .invalidToken(token)
        }
        guard (1...253).contains(hostName.utf8.count),
            hostName.utf8.allSatisfy({ Self.isTokenByte($0) || $0 == UInt8(ascii: ".") })
        else { throw .invalidHostName(hostName) }
        self.token = token
        let lines = [
            "Date: \(RFC5322Date.format(unixTime: unixTime))",
            "From: <\(from)>",
            "To: <\(to)>",
            "Subject: \(Self.subjectPrefix) \(token)",
            "Message-ID: <\(token)@\(hostName)>",
            "\(Self.tokenHeader): \(token)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=us-ascii",
            "Auto-Submitted: auto-generated",
            "",
            "A message of imapwatch's mail-flow probe. It is deleted when the probe finds it.",
        ]
        bytes = Array(lines.joined(separator: "\r\n").utf8) + [13, 10]
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "-")
    }
}
