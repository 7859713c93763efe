/// Everything one probe of one IMAP server needs to know.
public struct ProbeSettings: Sendable, Hashable {
    /// The host name or address to connect to.
    public var host: ServerHost
    /// The TCP port.
    public var port: Int
    /// How the connection is secured.
    public var tlsMode: TLSMode
    /// The name sent as SNI and checked against the certificate; `nil` means `host`.
    public var serverName: ServerHost?
    /// An extra PEM file of trusted CA certificates, added to the system trust store.
    public var caFile: String?
    /// Report certificate verification errors without failing the probe.
    public var insecure: Bool
    /// The lowest TLS version the probe accepts; `nil` leaves OpenSSL's default.
    public var minimumTLSVersion: TLSVersion?
    /// Who to log in as; `nil` stops after the greeting (and STARTTLS).
    public var credentials: Credentials?
    /// Allow credentials over a connection without TLS (`tlsMode == .none`).
    public var allowPlaintextAuth: Bool
    /// The mailbox to open after login.
    public var mailbox: String
    /// Open the mailbox with `SELECT` instead of the read-only `EXAMINE`.
    public var selectReadWrite: Bool
    /// How many octets of the newest message to fetch; 0 skips the fetch.
    public var fetchBytes: Int
    /// Fail instead of skipping the fetch when the mailbox is empty.
    public var requireMessage: Bool
    /// Ask for quota (GETQUOTAROOT) when the server supports it.
    public var checkQuota: Bool
    /// The overall deadline of the probe; no phase may outlive it.
    public var timeout: Duration

    /// Settings for a probe of `host`; the TLS mode defaults by port (993 implicit, else STARTTLS).
    public init(
        host: ServerHost,
        port: Int = 993,
        tlsMode: TLSMode? = nil,
        serverName: ServerHost? = nil,
        caFile: String? = nil,
        insecure: Bool = false,
        minimumTLSVersion: TLSVersion? = nil,
        credentials: Credentials? = nil,
        allowPlaintextAuth: Bool = false,
        mailbox: String = "INBOX",
        selectReadWrite: Bool = false,
        fetchBytes: Int = 1024,
        requireMessage: Bool = false,
        checkQuota: Bool = true,
        timeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.tlsMode = tlsMode ?? .default(forPort: port)
        self.serverName = serverName
        self.caFile = caFile
        self.insecure = insecure
        self.minimumTLSVersion = minimumTLSVersion
        self.credentials = credentials
        self.allowPlaintextAuth = allowPlaintextAuth
        self.mailbox = mailbox
        self.selectReadWrite = selectReadWrite
        self.fetchBytes = fetchBytes
        self.requireMessage = requireMessage
        self.checkQuota = checkQuota
        self.timeout = timeout
    }

    /// The largest partial fetch: 16 MiB. The command line and the configuration refuse more; the prober caps at it.
    public static let maxFetchBytes = 16 << 20
    /// The longest deadline a probe may have: a day.
    public static let maxTimeout = Duration.seconds(86_400)

    /// The name used for SNI and the certificate's host name check.
    public var effectiveServerName: ServerHost { serverName ?? host }
}
