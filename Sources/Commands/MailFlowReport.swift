import Config
import Prober

/// What `imapwatch probe --mailflow` shows a person: the verdict, the submission's waterfall and facts, the
/// mailbox session's (as `probe` shows a probe), what the delivery found and deleted, and optionally both
/// conversations. Pure: it renders a `MailFlowResult`, scrubbed of the given secrets line by line.
public struct MailFlowReport: Sendable {
    /// What the loop did.
    public var result: MailFlowResult
    /// Its judgement.
    public var assessment: HealthAssessment
    /// Days left on certificates are counted from here (Unix seconds).
    public var now: Double
    /// Whether to append both transcripts.
    public var showTranscript: Bool
    /// The width of the waterfall bars, as `probe` draws them.
    static let barWidth = 40
    let secrets: [Secret]
    let scrubber: SecretScrubber

    /// A report of `result` as judged in `assessment`; `secrets` never appear in it.
    public init(
        result: MailFlowResult, assessment: HealthAssessment, now: Double, showTranscript: Bool = false,
        secrets: [Secret] = []
    ) {
        self.result = result
        self.assessment = assessment
        self.now = now
        self.showTranscript = showTranscript
        self.secrets = secrets
        self.scrubber = SecretScrubber(secrets)
    }

    /// The whole text report.
    public func render() -> String {
        var lines = [headline]
        lines += assessment.problems.map { "  \($0.status.label): \($0.text)" }
        if let submission = result.submission {
            lines += ["", "submission:"] + submissionLines(submission)
        }
        if let mailbox = result.mailbox {
            let report = ProbeReport(result: mailbox, now: now, barWidth: Self.barWidth, secrets: secrets)
            lines += ["", "mailbox:"] + report.waterfall + [""] + report.facts
        }
        if let delivery = result.delivery {
            lines += [""] + Self.deliveryLines(delivery)
        }
        if showTranscript {
            if let submission = result.submission {
                lines += ["", "submission transcript:"] + submission.transcript
            }
            if let mailbox = result.mailbox {
                lines += ["", "mailbox transcript:"] + mailbox.transcript.map(ProbeReport.transcriptLine)
            }
        }
        return lines.map { scrubber.scrub($0).escapingControlCharacters }.joined(separator: "\n")
    }

    /// `mail flow OK: delivered to INBOX in 0.412 s (token iw-…)`, or the worst problem.
    private var headline: String {
        let verdict = "mail flow \(assessment.status.label)"
        if let problem = assessment.problems.first { return "\(verdict): \(problem.text)" }
        let found = result.delivery.flatMap { delivery in
            delivery.delay.map { "delivered to \(delivery.folder ?? "?") in \(MailFlowEvaluator.seconds($0)) s" }
        }
        return "\(verdict): \(found ?? "no delivery")" + " (token \(result.token))"
    }

    private func submissionLines(_ submission: SubmissionResult) -> [String] {
        var rows = submission.phases.map { ProbeReport.WaterfallRow(name: $0.phase.rawValue, seconds: $0.duration.inSeconds) }
        if let failure = submission.failure, let last = rows.indices.last, rows[last].name == failure.phase.rawValue {
            rows[last].failed = failure.code.rawValue
        }
        let total = submission.phases.map(\.duration.inSeconds).reduce(0, +)
        var lines = ProbeReport.waterfall(rows, total: total, barWidth: Self.barWidth) + [""]
        lines.append("connection:   \(submission.connectedAddress ?? "-")")
        if let tls = submission.tls { lines += ProbeReport.tlsFacts(tls, now: now) }
        if let mechanism = submission.mechanism { lines.append("auth:         \(mechanism)") }
        if let accepted = submission.acceptedText { lines.append("accepted:     \(accepted)") }
        if let failure = submission.failure {
            let reply = failure.replyCode.map { " (reply \($0)\(failure.enhancedStatus.map { " " + $0 } ?? ""))" } ?? ""
            lines.append("failed:       \(MailFlowEvaluator.failureText(failure))\(reply)")
        }
        return lines
    }

    static func deliveryLines(_ delivery: DeliveryFacts) -> [String] {
        var lines = ["delivery:     token \(delivery.token)"]
        let rounds = delivery.rounds == 1 ? "1 round of searches" : "\(delivery.rounds) rounds of searches"
        if let folder = delivery.folder, let delay = delivery.delay {
            lines.append("found:        in \(folder) \(MailFlowEvaluator.seconds(delay)) s after acceptance (\(rounds))")
        } else {
            lines.append("found:        not found (\(rounds))")
        }
        if !delivery.missingFolders.isEmpty {
            lines.append("missing:      \(delivery.missingFolders.joined(separator: ", ")) (not watched)")
        }
        let incomplete = delivery.cleanupIncomplete ? ", marked \\Deleted only (no UIDPLUS)" : ""
        lines.append("cleanup:      \(delivery.removed) copy of this run's message deleted, "
            + "\(delivery.staleRemoved) of \(delivery.staleFound) left by earlier runs\(incomplete)")
        return lines
    }
}
