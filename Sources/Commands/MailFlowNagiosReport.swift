import Config
import Prober

/// The Monitoring Plugins output of `imapwatch check --mailflow`: one status line with perfdata, and long output
/// for `-v`. Pure: it renders a `MailFlowResult` and its `HealthAssessment`; the exit code is the assessment's.
public struct MailFlowNagiosReport: PluginReport, Sendable {
    /// The service name that starts the status line.
    public static let service = "MAILFLOW"

    /// What the loop did.
    public var result: MailFlowResult
    /// Its judgement, from `MailFlowEvaluator`.
    public var assessment: HealthAssessment
    /// The thresholds the judgement used; they fill perfdata's warn/crit fields.
    public var thresholds: HealthThresholds
    /// The wait before a message counts as lost: the delivery's critical bound.
    public var wait: Duration
    public let scrubber: SecretScrubber

    /// A report of `result`; `secrets` never appear in it.
    public init(
        result: MailFlowResult, assessment: HealthAssessment, thresholds: HealthThresholds, wait: Duration,
        secrets: [Secret] = []
    ) {
        self.result = result
        self.assessment = assessment
        self.thresholds = thresholds
        self.wait = wait
        self.scrubber = SecretScrubber(secrets)
    }

    /// Problems first, then where and how fast the message arrived, and both certificates' days.
    public var summary: String {
        var parts = assessment.problems.map(\.text)
        if let delivery = result.delivery, let folder = delivery.folder, parts.isEmpty {
            parts.append("delivered to \(folder)" + (delivery.delay.map { Self.delayText($0, byArrival: delivery.timedByArrival) } ?? ""))
        } else if result.mailbox == nil, result.submission?.accepted == true, parts.isEmpty {
            // The non-blocking mode's first run: sent, and nothing yet to judge.
            parts.append("sent \(result.token); the next run judges it")
        }
        var facts: [String] = []
        if let notAfter = result.submission?.tls?.earliestNotAfter {
            facts.append("smtp cert \(HealthEvaluator.daysLeft(until: notAfter, now: result.startedAt))d")
        }
        if let days = assessment.certificateDaysLeft { facts.append("imap cert \(days)d") }
        if !facts.isEmpty { parts.append(facts.joined(separator: ", ")) }
        return parts.joined(separator: "; ").statusText
    }

    /// Each submission phase, each mailbox phase that ran (`delivery` only when the message was found, with
    /// `--late-after` as its warning and `--wait` as its critical bound), and both certificates' days.
    public var perfdata: [Perfdatum] {
        var data: [Perfdatum] = (result.submission?.phases ?? []).map {
            Perfdatum(label: $0.phase.rawValue, value: $0.duration.inSeconds, unit: "s", minimum: 0)
        }
        for record in result.mailbox?.phases ?? [] {
            if record.phase == .delivery {
                guard case .succeeded(let duration) = record.outcome else { continue }
                data.append(
                    Perfdatum(
                        label: "delivery", value: duration.inSeconds, unit: "s",
                        warning: (thresholds.phaseWarning[.delivery]?.text ?? result.lateAfter.map(Self.bound)),
                        critical: thresholds.phaseCritical[.delivery]?.text ?? Self.bound(wait), minimum: 0))
                continue
            }
            guard let duration = record.outcome.duration else { continue }
            data.append(
                Perfdatum(
                    label: record.phase.rawValue, value: duration.inSeconds, unit: "s",
                    warning: thresholds.phaseWarning[record.phase]?.text,
                    critical: thresholds.phaseCritical[record.phase]?.text, minimum: 0))
        }
        if let notAfter = result.submission?.tls?.earliestNotAfter {
            data.append(
                Perfdatum(
                    label: "smtp_cert_days", value: Double(HealthEvaluator.daysLeft(until: notAfter, now: result.startedAt)),
                    warning: thresholds.certificateWarningRange.text, critical: thresholds.certificateCriticalRange.text))
        }
        if let days = assessment.certificateDaysLeft {
            data.append(
                Perfdatum(
                    label: "cert_days", value: Double(days), warning: thresholds.certificateWarningRange.text,
                    critical: thresholds.certificateCriticalRange.text))
        }
        return data
    }

    /// For `-v`: every finding, each phase of both sessions, and the delivery's facts.
    public var longOutput: [String] {
        var lines = assessment.findings.map { "\($0.status.label): \($0.text)" }
        for phase in result.submission?.phases ?? [] {
            lines.append("\(phase.phase.rawValue): ok \(NagiosReport.millisecondsText(phase.duration.inSeconds))")
        }
        lines += (result.mailbox?.phases ?? []).map(NagiosReport.phaseLine)
        if let delivery = result.delivery { lines += MailFlowReport.deliveryLines(delivery) }
        return lines.map { scrubber.scrub($0.statusText) }
    }

    /// ` in 0.412s`, or ` in 3s by its arrival time` when the server's INTERNALDATE (whole seconds) timed it.
    static func delayText(_ delay: Duration, byArrival: Bool) -> String {
        byArrival ? " in \(delay.components.seconds)s by its arrival time" : " in " + HealthEvaluator.secondsText(delay.inSeconds)
    }

    /// A delivery bound in seconds as a Monitoring Plugins range (alert above it).
    static func bound(_ duration: Duration) -> String {
        Perfdatum.number(duration.inSeconds)
    }
}
