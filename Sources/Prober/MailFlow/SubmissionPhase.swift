/// The timed phases of a submission, in order; the names are metric labels.
public enum SubmissionPhase: String, Hashable, Sendable, CaseIterable, Codable {
    /// Name lookup of the submission host.
    case resolve = "smtp_resolve"
    /// TCP connect.
    case connect = "smtp_connect"
    /// The TLS handshake of implicit TLS (port 465).
    case tlsHandshake = "smtp_tls"
    /// Until the server's 220 greeting.
    case greeting = "smtp_greeting"
    /// EHLO (both of them with STARTTLS).
    case ehlo = "smtp_ehlo"
    /// STARTTLS and its handshake.
    case startTLS = "smtp_starttls"
    /// AUTH until the server accepts the credentials.
    case auth = "smtp_auth"
    /// MAIL FROM, RCPT TO, DATA and the message, until the server accepts it.
    case submit = "smtp_submit"
    /// QUIT.
    case quit = "smtp_quit"
}
