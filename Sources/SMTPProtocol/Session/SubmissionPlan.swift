/// What one submission does: how the connection is secured, who logs in, and the message for whom.
public struct SubmissionPlan: Sendable {
    /// How the session gets TLS before anything secret is sent.
    public enum Security: Hashable, Sendable {
        /// Plain connection, then STARTTLS (port 587); the session fails if the server does not offer it.
        case startTLS
        /// TLS from the first byte (port 465): the connection is already encrypted when the session starts.
        case implicitTLS
    }

    /// A user name and password for AUTH PLAIN or LOGIN.
    public struct Credentials: Sendable {
        /// The user name.
        public var username: String
        /// The password; it leaves the session only inside AUTH's base64, never in a transcript.
        public var password: String

        /// Credentials of `username` with `password`.
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// How TLS comes.
    public var security: Security
    /// The EHLO name.
    public var clientName: String
    /// Who logs in; nil to submit without AUTH (a server that relays for the client's address).
    public var credentials: Credentials?
    /// The envelope sender.
    public var sender: MailAddress
    /// The envelope recipients; without one the session fails at MAIL FROM's reply.
    public var recipients: [MailAddress]
    /// The message's content (CRLF line ends; dot-stuffed when sent).
    public var message: [UInt8]

    /// A plan.
    public init(
        security: Security, clientName: String, credentials: Credentials?, sender: MailAddress,
        recipients: [MailAddress], message: [UInt8]
    ) {
        self.security = security
        self.clientName = clientName
        self.credentials = credentials
        self.sender = sender
        self.recipients = recipients
        self.message = message
    }
}
