import Config
import Transport

/// Everything one probe found: every phase's outcome, the facts it read, and the redacted transcript.
///
/// A result always lists every phase of its run once, in order (`Phase.probe`, or `Phase.mailbox` for the mail-flow
/// loop's mailbox session). `failure` is the failed phase's reason, or `nil` on success.
public struct ProbeResult: Sendable {
    /// The host as given.
    public var host: String
    /// The TCP port.
    public var port: Int
    /// The TLS mode used.
    public var tlsMode: TLSMode
    /// Wall-clock start, Unix seconds.
    public var startedAt: Double
    /// Each phase of the run, in order.
    public var phases: [PhaseRecord]
    /// From the start of `resolve` to the end of the last phase that ran.
    public var totalDuration: Duration
    /// Why the probe failed, or `nil` if it succeeded.
    public var failure: ProbeFailure?
    /// The address that answered (`127.0.0.1:993`, `[::1]:143`).
    public var connectedAddress: String?
    /// The addresses the host name resolved to, in the order tried.
    public var resolvedAddresses: [String]
    /// The TLS session, once a handshake completed.
    public var tls: TLSSessionFacts?
    /// The greeting's text, control characters escaped.
    public var greeting: String?
    /// Capabilities before login (after STARTTLS when it ran), upper-case.
    public var capabilities: [String]
    /// Capabilities after login, upper-case; empty if the probe did not log in.
    public var postLoginCapabilities: [String]
    /// Whether the server advertised STARTTLS; `nil` when the probe did not look (implicit TLS).
    public var starttlsOffered: Bool?
    /// The authentication mechanism used.
    public var authMechanism: AuthMechanism?
    /// What SELECT/EXAMINE reported, once the mailbox was opened.
    public var mailbox: MailboxFacts?
    /// What the partial FETCH returned, when it ran.
    public var fetch: FetchFacts?
    /// The quota roots of the mailbox, at most `QuotaFacts.maximumRoots` of them (the first the server sent);
    /// empty when the phase was skipped.
    public var quota: [QuotaFacts]
    /// QUOTA responses past `QuotaFacts.maximumRoots` that were counted and not kept.
    public var quotaRootsDropped: Int
    /// Resources past `QuotaFacts.maximumResources` in a kept root that were counted and not kept.
    public var quotaResourcesDropped: Int
    /// The IMAP conversation with credentials redacted.
    public var transcript: [TranscriptLine]
    /// What the mail-flow loop's mailbox session found; nil for a probe.
    public var delivery: DeliveryFacts?
    /// The mail-flow loop's submission, when the daemon runs a loop as a target (`MailFlowResult.asProbeResult`).
    public var submission: SubmissionResult?

    /// A result; the prober fills every field it learned.
    public init(
        host: String,
        port: Int,
        tlsMode: TLSMode,
        startedAt: Double,
        phases: [PhaseRecord],
        totalDuration: Duration,
        failure: ProbeFailure? = nil,
        connectedAddress: String? = nil,
        resolvedAddresses: [String] = [],
        tls: TLSSessionFacts? = nil,
        greeting: String? = nil,
        capabilities: [String] = [],
        postLoginCapabilities: [String] = [],
        starttlsOffered: Bool? = nil,
        authMechanism: AuthMechanism? = nil,
        mailbox: MailboxFacts? = nil,
        fetch: FetchFacts? = nil,
        quota: [QuotaFacts] = [],
        quotaRootsDropped: Int = 0,
        quotaResourcesDropped: Int = 0,
        transcript: [TranscriptLine] = []
    ) {
        self.host = host
        self.port = port
        self.tlsMode = tlsMode
        self.startedAt = startedAt
        self.phases = phases
        self.totalDuration = totalDuration
        self.failure = failure
        self.connectedAddress = connectedAddress
        self.resolvedAddresses = resolvedAddresses
        self.tls = tls
        self.greeting = greeting
        self.capabilities = capabilities
        self.postLoginCapabilities = postLoginCapabilities
        self.starttlsOffered = starttlsOffered
        self.authMechanism = authMechanism
        self.mailbox = mailbox
        self.fetch = fetch
        self.quota = quota
        self.quotaRootsDropped = quotaRootsDropped
        self.quotaResourcesDropped = quotaResourcesDropped
        self.transcript = transcript
    }

    /// Whether every phase that ran succeeded.
    public var succeeded: Bool { failure == nil }

    /// The outcome of `phase`.
    public func outcome(of phase: Phase) -> PhaseOutcome? {
        phases.first { $0.phase == phase }?.outcome
    }
}
