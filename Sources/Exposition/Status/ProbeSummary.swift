import Config
import Prober

/// What the status page shows of one probe result: when it ran, how long each phase took, why it failed, the
/// certificate's end and the fullest quota resource.
///
/// Built from a `ProbeResult` without its transcript, addresses or capabilities. The failure's text has the target's
/// username (and an inline password) replaced by `<redacted>`: servers echo the login name in `NO` texts.
public struct ProbeSummary: Sendable, Hashable {
    /// One phase that ran, and for how long.
    public struct Timing: Sendable, Hashable {
        /// The phase.
        public var phase: Phase
        /// How long it ran, in seconds.
        public var seconds: Double
        /// Whether the probe failed in it.
        public var failed: Bool

        /// A phase that ran for `seconds`.
        public init(phase: Phase, seconds: Double, failed: Bool = false) {
            self.phase = phase
            self.seconds = seconds
            self.failed = failed
        }
    }

    /// Why the probe failed, with the username scrubbed from the text.
    public struct Failure: Sendable, Hashable {
        /// The phase it failed in.
        public var phase: Phase
        /// The reason code (`connect_refused`, `auth_failed`, ...).
        public var code: String
        /// What the server said, or the prober's explanation when it said nothing.
        public var detail: String

        /// A failure in `phase`.
        public init(phase: Phase, code: String, detail: String) {
            self.phase = phase
            self.code = code
            self.detail = detail
        }
    }

    /// When the probe started (Unix seconds).
    public var startedAt: Double
    /// From the start of `resolve` to the end of the last phase that ran, in seconds.
    public var totalSeconds: Double
    /// The phases that ran, in probe order.
    public var phases: [Timing]
    /// Why it failed, or `nil` on success.
    public var failure: Failure?
    /// The earliest notAfter on the certificate path (Unix seconds), when a TLS session started.
    public var certificateNotAfter: Int64?
    /// The fullest quota resource over every root, when the server reported one with a limit.
    public var fullestQuota: HealthAssessment.QuotaUsage?

    /// A summary from its parts (tests build them this way).
    public init(
        startedAt: Double, totalSeconds: Double, phases: [Timing], failure: Failure? = nil,
        certificateNotAfter: Int64? = nil, fullestQuota: HealthAssessment.QuotaUsage? = nil
    ) {
        self.startedAt = startedAt
        self.totalSeconds = totalSeconds
        self.phases = phases
        self.failure = failure
        self.certificateNotAfter = certificateNotAfter
        self.fullestQuota = fullestQuota
    }

    /// The summary of `result`, with `login`'s username and inline secret removed from the failure text.
    public init(_ result: ProbeResult, login: LoginConfiguration?) {
        let phases = result.phases.compactMap { record in
            record.outcome.duration.map {
                Timing(phase: record.phase, seconds: $0.inSeconds, failed: record.phase == result.failure?.phase)
            }
        }
        let failure = result.failure.map { failure in
            Failure(
                phase: failure.phase, code: failure.code.rawValue,
                detail: Self.scrub(HealthEvaluator.failureDetail(failure), login: login))
        }
        self.init(
            startedAt: result.startedAt, totalSeconds: result.totalDuration.inSeconds, phases: phases,
            failure: failure, certificateNotAfter: result.tls?.earliestNotAfter,
            fullestQuota: HealthEvaluator.fullestQuota(of: result))
    }

    /// `text` without the username, its local part (a server may name `alice` for `alice@example.org`) or an
    /// inline secret.
    static func scrub(_ text: String, login: LoginConfiguration?) -> String {
        guard let login else { return text }
        var secrets = [Secret(login.username)]
        if let at = login.username.firstIndex(of: "@"), login.username.distance(from: login.username.startIndex, to: at) >= 3 {
            secrets.append(Secret(String(login.username[..<at])))
        }
        if case .inline(let secret) = login.secret { secrets.append(secret) }
        return SecretScrubber(secrets).scrub(text)
    }
}
