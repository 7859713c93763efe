/// A target's `mailflow:` mapping: the mail-flow loop's submission side and its wait, the mailbox being the
/// target's own host, port, TLS and login. Unset values take the target's (host, login) or the built-in ones.
public struct MailFlowConfiguration: Sendable, Hashable {
    /// How the submission server secures the connection.
    public enum SubmissionTLS: String, Sendable, Hashable, CaseIterable {
        /// Port 587: STARTTLS before AUTH.
        case starttls
        /// Port 465: TLS from the first byte.
        case implicit
    }

    /// The submission server; nil: the target's host.
    public var host: ServerHost?
    /// Its port.
    public var port: Int
    /// STARTTLS or implicit TLS.
    public var tls: SubmissionTLS
    /// The name its certificate must carry; nil: `host` (or the target's `sni` when `host` is the target's).
    public var serverName: ServerHost?
    /// Who submits, with the secret as a reference; nil: the target's login.
    public var login: LoginConfiguration?
    /// The envelope sender and From:; nil: the login's user name.
    public var from: String?
    /// The recipient; nil: the target's login user name (the mailbox the loop looks in).
    public var to: String?
    /// The folders to look in, the expected one first.
    public var folders: [String]
    /// How long after its acceptance the message may take before it counts as lost.
    public var wait: Duration
    /// A slower delivery is late; nil: never.
    public var lateAfter: Duration?
    /// The EHLO name and the Message-ID's domain.
    public var ehloName: String

    /// Built-in values: 587 with STARTTLS, INBOX and Junk, two minutes' wait.
    public static let defaultPort = 587
    public static let defaultFolders = ["INBOX", "Junk"]
    public static let defaultWait = Duration.seconds(120)
    public static let defaultEHLOName = "localhost"

    /// A loop's settings; every value not given is the built-in one or the target's.
    public init(
        host: ServerHost? = nil, port: Int? = nil, tls: SubmissionTLS? = nil, serverName: ServerHost? = nil,
        login: LoginConfiguration? = nil, from: String? = nil, to: String? = nil, folders: [String]? = nil,
        wait: Duration? = nil, lateAfter: Duration? = nil, ehloName: String? = nil
    ) {
        self.host = host
        self.tls = tls ?? (port == 465 ? .implicit : .starttls)
        self.port = port ?? (self.tls == .implicit ? 465 : Self.defaultPort)
        self.serverName = serverName
        self.login = login
        self.from = from
        self.to = to
        self.folders = folders ?? Self.defaultFolders
        self.wait = wait ?? Self.defaultWait
        self.lateAfter = lateAfter
        self.ehloName = ehloName ?? Self.defaultEHLOName
    }
}
