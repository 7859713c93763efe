/// Judges one run of the mail-flow loop, as `HealthEvaluator` judges a probe, and with its findings:
///
/// - a refused submission is CRITICAL, one turned down for now (4yz: `submission_deferred`, `recipient_deferred`)
///   WARNING; the submission server's certificate is judged like the IMAP server's (expiry, and WARNING when it did
///   not verify under `insecure`);
/// - the mailbox session is judged by `HealthEvaluator` (a lost message is its failure, in `delivery`: CRITICAL;
///   `delivery=RANGE` phase thresholds apply to the delivery time);
/// - a message found later than `lateAfter` is WARNING, one found outside the expected folder (a junk folder)
///   WARNING, a clean-up that could only mark its messages deleted (no UIDPLUS) WARNING.
public struct MailFlowEvaluator: Sendable {
    /// An evaluator; it keeps no state.
    public init() {}

    /// Judges `result` against `thresholds`, with certificate days counted from `now` (Unix seconds).
    public func evaluate(_ result: MailFlowResult, thresholds: HealthThresholds, now: Double) -> HealthAssessment {
        var findings: [HealthFinding] = []
        if let submission = result.submission {
            findings += submissionFindings(submission, thresholds: thresholds, now: now)
        }
        var daysLeft: Int?
        if let mailbox = result.mailbox {
            let assessment = HealthEvaluator().evaluate(mailbox, thresholds: thresholds, now: now)
            findings += assessment.findings
            daysLeft = assessment.certificateDaysLeft
        }
        if let delivery = result.delivery {
            findings += deliveryFindings(delivery, lateAfter: result.lateAfter)
        }
        return HealthAssessment(findings: findings, certificateDaysLeft: daysLeft)
    }

    private func submissionFindings(_ submission: SubmissionResult, thresholds: HealthThresholds, now: Double)
        -> [HealthFinding]
    {
        var findings: [HealthFinding] = []
        if let failure = submission.failure {
            let status: HealthStatus =
                switch failure.code {
                case .submissionDeferred, .recipientDeferred: .warning
                case let code where code.isProbersOwn: .unknown
                default: .critical
                }
            findings.append(HealthFinding(subject: .submission, status: status, text: Self.failureText(failure)))
        } else if let verification = submission.tls?.verification, !verification.isVerified {
            findings.append(
                HealthFinding(
                    subject: .submission, status: .warning,
                    text: "submission certificate not verified: \(verification.reason) (insecure)".oneLine))
        }
        let expiry = HealthEvaluator.certificateFinding(
            submission.tls, subject: .submissionCertificateExpiry, noun: "submission certificate",
            thresholds: thresholds, now: now)
        if let finding = expiry.finding { findings.append(finding) }
        return findings
    }

    private func deliveryFindings(_ delivery: DeliveryFacts, lateAfter: Duration?) -> [HealthFinding] {
        guard let folder = delivery.folder else { return [] }
        var findings: [HealthFinding] = []
        if let delay = delivery.delay {
            findings.append(delayFinding(delay, lateAfter: lateAfter))
        } else {
            findings.append(HealthFinding(subject: .delivery, status: .ok, text: "delivered (the server gave no arrival time)"))
        }
        if delivery.inOtherFolder {
            findings.append(
                HealthFinding(
                    subject: .folder, status: .warning,
                    text: "delivered into \(folder), not \(delivery.expectedFolder)".oneLine))
        }
        if delivery.cleanupIncomplete {
            findings.append(
                HealthFinding(
                    subject: .cleanup, status: .warning,
                    text: "the server has no UID EXPUNGE (UIDPLUS): loop messages are left marked \\Deleted"))
        }
        return findings
    }

    private func delayFinding(_ delay: Duration, lateAfter: Duration?) -> HealthFinding {
        let took = Self.seconds(delay)
        guard let lateAfter, delay > lateAfter else {
            return HealthFinding(subject: .delivery, status: .ok, text: "delivered in \(took) s")
        }
        return HealthFinding(
            subject: .delivery, status: .warning,
            text: "delivered late: \(took) s after acceptance (late after \(Self.seconds(lateAfter)) s)")
    }

    /// `smtp_submit failed: recipient_refused (550 5.1.1 <x@example.org>: Recipient address rejected)`.
    public static func failureText(_ failure: SubmissionResult.Failure) -> String {
        "\(failure.phase.rawValue) failed: \(failure.code.rawValue) (\(failure.message))".oneLine
    }

    /// Seconds with up to three decimals, as the status line writes them.
    public static func seconds(_ duration: Duration) -> String {
        ThresholdRange.format((duration.inSeconds * 1000).rounded() / 1000)
    }
}
