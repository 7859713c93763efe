import Config
import SMTPProtocol

/// Everything one submission needs, parsed and checked before it starts.
public struct SubmissionSettings: Sendable {
    /// The submission server's host name or address.
    public var host: ServerHost
    /// Its port (587 with STARTTLS, 465 with implicit TLS).
    public var port: Int
    /// How TLS comes; there is no submission without it.
    public var security: SubmissionPlan.Security
    /// The name the certificate must carry, when it is not `host`.
    public var serverName: ServerHost?
    /// Trust anchors instead of the system's.
    public var caFile: String?
    /// Whether to go on with a certificate that fails verification (its facts are still reported).
    public var insecure: Bool
    /// Who logs in; nil to submit without AUTH.
    public var username: String?
    /// The password for `username`.
    public var password: Secret?
    /// The EHLO name.
    public var clientName: String
    /// The envelope sender and recipients.
    public var sender: MailAddress
    public var recipients: [MailAddress]
    /// The whole submission's time limit, from the first lookup to QUIT's reply.
    public var timeout: Duration

    /// Settings for a submission to `host`:`port`.
    public init(
        host: ServerHost, port: Int, security: SubmissionPlan.Security, serverName: ServerHost? = nil, caFile: String? = nil,
        insecure: Bool = false, username: String?, password: Secret?, clientName: String, sender: MailAddress,
        recipients: [MailAddress], timeout: Duration
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.serverName = serverName
        self.caFile = caFile
        self.insecure = insecure
        self.username = username
        self.password = password
        self.clientName = clientName
        self.sender = sender
        self.recipients = recipients
        self.timeout = timeout
    }
}
