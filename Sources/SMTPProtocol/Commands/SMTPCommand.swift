/// A command of a submission client (RFC 5321, RFC 3207 STARTTLS, RFC 4954 AUTH), or the message it sends after
/// DATA's 354.
public enum SMTPCommand: Hashable, Sendable {
    /// EHLO with the client's name: a domain, or an address literal such as `[127.0.0.1]`.
    case ehlo(String)
    /// STARTTLS.
    case startTLS
    /// AUTH with a SASL mechanism and, when the mechanism has one, its initial response (RFC 4954 §4); an empty
    /// initial response is sent as "=".
    case auth(mechanism: String, initialResponse: [UInt8]?)
    /// A line answering AUTH's 334 challenge: these bytes in base64 (LOGIN's user name, then its password).
    case authResponse([UInt8])
    /// MAIL FROM, with SIZE when the server announced it (RFC 1870).
    case mailFrom(MailAddress, size: Int?)
    /// RCPT TO.
    case rcptTo(MailAddress)
    /// DATA.
    case data
    /// The message after DATA's 354: its bytes with CRLF line ends, dot-stuffed and ended by "." on a line here.
    case message([UInt8])
    /// RSET.
    case reset
    /// NOOP.
    case noop
    /// QUIT.
    case quit
}
