import Config
import IMAPProtocol
import Transport

/// One probe in progress: walks the phases in order, times each, and assembles the result.
///
/// Owned by the task running the probe. Every failure becomes a `ProbeFailure` in the phase it happened in;
/// nothing thrown escapes `run()`.
final class ProbeRun {
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
    var ledger = PhaseLedger()
    var result: ProbeResult
    var connection: TransportConnection?
    var session: IMAPSession?
    /// The capabilities as last learned, discarded whenever RFC 9051 says they may change.
    var capabilities: [Capability] = []
    /// Whether `capabilities` were learned after login.
    var capabilitiesAfterLogin = false
    /// Whether the greeting was PREAUTH.
    var preauthenticated = false
    /// The end of the last phase that ran, for the total duration.
    var lastEnd: ContinuousClock.Instant

    init(
        settings: ProbeSettings, threads: NetworkThreads, resolver: Resolver, tlsContext: Result<TLSClientContext, TransportError>?,
        redactor: SecretRedactor, wallClock: Double, keepingTranscript: Bool = true
    ) {
        let now = ContinuousClock.now
        self.settings = settings
        self.threads = threads
        self.resolver = resolver
        self.tlsContext = tlsContext
        self.start = now
        self.deadline = now.advanced(by: settings.timeout)
        self.transcript = TranscriptRecorder(start: now, keeps: keepingTranscript)
        self.redactor = redactor
        self.lastEnd = now
        self.result = ProbeResult(
            host: settings.host.text, port: settings.port, tlsMode: settings.tlsMode, startedAt: wallClock,
            phases: [], totalDuration: .zero)
    }

    /// Runs every phase and returns the finished result.
    func run() async -> ProbeResult {
        do {
            try await runPhases()
        } catch {
            // The failing phase already recorded the failure; the remaining phases stay "not reached".
        }
        await connection?.close()
        result.phases = ledger.records
        result.totalDuration = lastEnd - start
        result.transcript = transcript.finished
        result.capabilities = result.capabilities.isEmpty ? capabilities.map(\.rawValue) : result.capabilities
        return redactor.redact(result)
    }

    private func runPhases() async throws(ProbeFailure) {
        try await resolveAndConnect()
        try await implicitTLS()
        try await greeting()
        try await capability()
        try await startTLS()
        try await capabilityAfterTLS()
        guard try await login() else {
            try await logout()
            return
        }
        let messages = try await selectMailbox()
        try await fetch(messages: messages)
        try await quota()
        try await logout()
    }

    /// Runs `body` as `phase`: times it, and records success or the failure it throws.
    func timed<T>(_ phase: Phase, _ body: () async throws -> T) async throws(ProbeFailure) -> T {
        let outcome = try await timed(phase, recordingSuccess: true, body)
        return outcome.value
    }

    /// Runs `body` as `phase` and times it; records a failure, and success only if `recordingSuccess`.
    func timed<T>(_ phase: Phase, recordingSuccess: Bool, _ body: () async throws -> T) async throws(ProbeFailure)
        -> (value: T, duration: Duration?)
    {
        let began = ContinuousClock.now
        do {
            let value = try await body()
            lastEnd = .now
            if recordingSuccess { ledger.record(phase, .succeeded(lastEnd - began)) }
            return (value, lastEnd - began)
        } catch {
            lastEnd = .now
            let failure = self.failure(from: error, in: phase)
            ledger.record(phase, .failed(lastEnd - began, failure))
            result.failure = failure
            throw failure
        }
    }

    /// Records `phase` as skipped.
    func skip(_ phase: Phase, _ reason: SkipReason) {
        ledger.record(phase, .skipped(reason))
    }

    /// The open IMAP session; only called in phases after connect.
    func requireSession() throws -> IMAPSession {
        guard let session else {
            throw ProbeFailure(code: .internalError, phase: .connect, message: "no connection")
        }
        return session
    }
}
