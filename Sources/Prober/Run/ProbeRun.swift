import Config
import IMAPProtocol
import Transport

/// One probe in progress: walks the phases in order, times each, and assembles the result.
///
/// Resolving and connecting run in the probe's task; from the open connection on, the probe is a
/// `ConnectionDialogue` that the connection drives on its event loop (`ProbeRun+Dialogue`), each phase a
/// synchronous step between one server answer and the next command, so no await sits between them. Touched by
/// one thread at a time: the task until the connection is open, the connection's event loop until `converse`
/// returns (a promise's completion hands it back), then the task again; hence `@unchecked Sendable`. Every
/// failure becomes a `ProbeFailure` in the phase it happened in; nothing thrown escapes `run()`.
final class ProbeRun: @unchecked Sendable {
    /// What the dialogue waits for before its current phase can go on.
    enum Awaiting {
        case nothing
        case greeting
        case handshake
        case answer(to: AwaitedCommand)
        /// A pause between two rounds of the loop's searches, until then.
        case pause(until: ContinuousClock.Instant)
    }

    /// The command whose tagged answer the current phase waits for.
    enum AwaitedCommand {
        case capability
        case capabilityAfterTLS
        case starttls
        case login(AuthMechanism)
        case select(verb: String)
        case fetch(messages: Int, requested: Int)
        case quotaCapabilities
        case quotaRoot
        case logout
        /// One of the mail-flow loop's commands.
        case loop(DeliveryProgress.Command)
    }

    /// What a phase's step leads to.
    enum PhaseStep {
        /// The phase succeeded; go on with the next.
        case succeeded
        /// The phase did not run and took no time; go on with the next.
        case skipped(SkipReason)
        /// The phase ran (its time counts towards the total) but is reported as skipped: quota found unsupported.
        case ranAndSkipped(SkipReason)
        /// Send `command` and come back with its outcome.
        case command(Command, AwaitedCommand)
        /// Write these bytes for the running command (a SASL or literal answer) and wait on.
        case write([UInt8])
        /// Start TLS and come back with the session's facts.
        case handshake
        /// Come back with the first response.
        case greeting
        /// Come back at this time (the loop's next round of searches).
        case pause(until: ContinuousClock.Instant)
        /// The phase recorded its own outcome (the loop's delivery, timed from the submission); go on with the next.
        case recorded
        /// Nothing to do until more bytes arrive.
        case wait
        /// The last phase is done.
        case end
    }

    let settings: ProbeSettings
    let threads: NetworkThreads
    let resolver: Resolver
    /// The TLS context, prepared before the clock started (loading trust anchors is not the server's time).
    let tlsContext: Result<TLSClientContext, TransportError>?
    let start: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    let transcript: TranscriptRecorder
    /// Removes the secret from what the server sends, before that text is cut or cleaned.
    let redactor: SecretRedactor
    let session: IMAPSession
    /// For the mail-flow loop's mailbox session: the message to look for; nil for a probe.
    let watch: DeliveryWatch?
    /// The loop's searches and clean-up so far.
    var loop: DeliveryProgress
    /// The phases from the open connection on, in order; each one's `enter` decides whether it runs.
    let dialoguePhases: [Phase]
    var ledger: PhaseLedger
    var result: ProbeResult
    var connection: TransportConnection?
    /// The phase running now, and when it began.
    var phase = Phase.resolve
    /// Where `phase` is in the dialogue's phases, once the dialogue has begun.
    var dialoguePosition = 0
    var began: ContinuousClock.Instant
    var awaiting = Awaiting.nothing
    /// The capabilities as last learned, discarded whenever RFC 9051 says they may change.
    var capabilities: [Capability] = []
    /// Whether `capabilities` were learned after login.
    var capabilitiesAfterLogin = false
    /// Whether the greeting was PREAUTH.
    var preauthenticated = false
    /// Whether the mailbox phases run: credentials were given (or the greeting was PREAUTH).
    var authenticated = false
    /// The mailbox's EXISTS count, once selected.
    var messages = 0
    /// The end of the last phase that ran, for the total duration.
    var lastEnd: ContinuousClock.Instant

    init(
        settings: ProbeSettings, threads: NetworkThreads, resolver: Resolver, tlsContext: Result<TLSClientContext, TransportError>?,
        redactor: SecretRedactor, wallClock: Double, keepingTranscript: Bool = true, watch: DeliveryWatch? = nil
    ) {
        let now = ContinuousClock.now
        self.settings = settings
        self.threads = threads
        self.resolver = resolver
        self.tlsContext = tlsContext
        self.start = now
        self.deadline = now.advanced(by: settings.timeout)
        let transcript = TranscriptRecorder(start: now, keeps: keepingTranscript)
        self.transcript = transcript
        self.redactor = redactor
        // The probe never needs a literal larger than its partial fetch; the framer refuses any larger one.
        let maxLiteral = min(max(65_536, settings.fetchBytes), Self.maxFetchBytes)
        // The loop's search of every message it ever left may answer thousands of UIDs on one line: up to a MiB.
        self.session = IMAPSession(
            transcript: transcript, redactor: redactor,
            maxLineLength: watch == nil ? FramingOptions().maxLineLength : DeliveryWatch.maxSearchLine,
            maxLiteralSize: maxLiteral, maxBytesPerCommand: 4 * maxLiteral + 1_048_576)
        self.watch = watch
        self.loop = DeliveryProgress(watch: watch)
        let plan = watch == nil ? Phase.probe : Phase.mailbox
        self.ledger = PhaseLedger(plan: plan)
        self.dialoguePhases = Array(plan.drop { $0 == .resolve || $0 == .connect })
        self.began = now
        self.lastEnd = now
        self.result = ProbeResult(
            host: settings.host.text, port: settings.port, tlsMode: settings.tlsMode, startedAt: wallClock,
            phases: [], totalDuration: .zero)
    }

    /// Runs every phase and returns the finished result.
    func run() async -> ProbeResult {
        do {
            try await resolveAndConnect()
        } catch {
            // The failing phase already recorded the failure; the remaining phases stay "not reached".
        }
        if let connection {
            await connection.converse(self)
        }
        result.phases = ledger.records
        result.totalDuration = lastEnd - start
        result.transcript = transcript.finished
        result.capabilities = result.capabilities.isEmpty ? capabilities.map(\.rawValue) : result.capabilities
        result.delivery = loop.facts
        return redactor.redact(result)
    }

    /// Runs `body` as `phase`: times it, and records success or the failure it throws.
    func timed<T>(_ phase: Phase, _ body: () async throws -> T) async throws(ProbeFailure) -> T {
        let began = ContinuousClock.now
        do {
            let value = try await body()
            recordSuccess(of: phase, since: began)
            return value
        } catch {
            throw recordFailure(error, in: phase, since: began)
        }
    }

    /// Ends `phase`, begun at `began`, as succeeded.
    func recordSuccess(of phase: Phase, since began: ContinuousClock.Instant) {
        lastEnd = .now
        ledger.record(phase, .succeeded(lastEnd - began))
    }

    /// Ends `phase`, begun at `began`, as failed by `error`; the probe's failure is that one, unless an earlier
    /// phase failed and the run went on (the loop's lost message, then its clean-up).
    func recordFailure(_ error: any Error, in phase: Phase, since began: ContinuousClock.Instant) -> ProbeFailure {
        lastEnd = .now
        let failure = self.failure(from: error, in: phase)
        ledger.record(phase, .failed(lastEnd - began, failure))
        if result.failure == nil { result.failure = failure }
        return failure
    }

    /// Records `phase` as skipped.
    func skip(_ phase: Phase, _ reason: SkipReason) {
        ledger.record(phase, .skipped(reason))
    }
}
