import Config
import IMAPProtocol
import Prober

/// The Monitoring Plugins output of `imapwatch check`: one status line with perfdata, and long output for `-v`.
///
/// Pure: it renders a `ProbeResult` and the `HealthAssessment` of it; the exit code is `assessment.status`.
/// Every line is scrubbed of the given secrets, and server text is flattened to one line.
public struct NagiosReport: PluginReport, Sendable {
    /// The service name that starts the status line.
    public static let service = "IMAP"

    /// What the probe found.
    public var result: ProbeResult
    /// The judgement of `result`, from `HealthEvaluator`.
    public var assessment: HealthAssessment
    /// The thresholds the judgement used; they fill perfdata's warn/crit fields.
    public var thresholds: HealthThresholds
    public let scrubber: SecretScrubber

    /// A report of `result`; `secrets` are replaced by `<redacted>` wherever they would appear.
    public init(result: ProbeResult, assessment: HealthAssessment, thresholds: HealthThresholds, secrets: [Secret] = []) {
        self.scrubber = SecretScrubber(secrets)
        self.result = result.scrubbing(scrubber)
        self.assessment = assessment
        self.thresholds = thresholds
    }

    /// The text between `STATUS - ` and ` | `: port and mode, problems first, then the key numbers.
    public var summary: String {
        let problems = assessment.problems.map(\.text)
        var text = "\(result.port)/\(Self.modeLabel(result.tlsMode))"
        if result.failure != nil {
            text += " " + problems.joined(separator: "; ")
        } else {
            let facts = keyFacts.joined(separator: ", ")
            text += " " + (problems + [facts]).filter { !$0.isEmpty }.joined(separator: "; ")
        }
        return text.statusText
    }

    /// Login and select times (or the greeting's without login), cert days, fullest quota.
    private var keyFacts: [String] {
        var facts: [String] = []
        for phase in [Phase.login, .select] {
            if case .succeeded(let duration) = result.outcome(of: phase) {
                facts.append("\(phase.rawValue) \(HealthEvaluator.secondsText(duration.inSeconds))")
            }
        }
        if facts.isEmpty, case .succeeded(let duration) = result.outcome(of: .greeting) {
            facts.append("greeting \(HealthEvaluator.secondsText(duration.inSeconds))")
        }
        if let days = assessment.certificateDaysLeft { facts.append("cert \(days)d") }
        if let quota = assessment.fullestQuota { facts.append("quota \(Self.percentText(quota.percent))%") }
        return facts
    }

    /// A percentage rounded down to one decimal, without trailing zeros (`41`, `0.3`), as the quota finding
    /// prints it: a nearly empty mailbox must not read `0%` next to a warning about `0.3%`.
    static func percentText(_ percent: Double) -> String {
        Perfdatum.number((percent * 10).rounded(.down) / 10)
    }

    /// `tls` for implicit TLS, `starttls`, `plain` without TLS.
    static func modeLabel(_ mode: TLSMode) -> String {
        switch mode {
        case .implicit: "tls"
        case .starttls: "starttls"
        case .none: "plain"
        }
    }
}

extension String {
    /// One line, safe between `STATUS - ` and ` | `: control characters become spaces, `|` becomes `/`.
    var statusText: String {
        String(oneLine.map { $0 == "|" ? "/" : $0 })
    }
}
