/// Where a submission session is: the command whose reply it waits for, or the greeting.
public enum SubmissionStep: String, Hashable, Sendable, CaseIterable {
    /// The server's 220 greeting.
    case greeting
    /// EHLO (before STARTTLS, or the only one with implicit TLS).
    case ehlo
    /// STARTTLS, and the handshake after its 220.
    case startTLS = "starttls"
    /// EHLO again inside TLS (RFC 3207 §4.2: what was learned before TLS is forgotten).
    case ehloAfterTLS = "ehlo_after_tls"
    /// AUTH and its exchanges.
    case auth
    /// MAIL FROM.
    case mailFrom = "mail_from"
    /// RCPT TO, once per recipient.
    case rcptTo = "rcpt_to"
    /// DATA, until its 354.
    case data
    /// The message, until the server accepts or refuses it.
    case message
    /// QUIT.
    case quit
}
