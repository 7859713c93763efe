import Config
import Prober
import Testing
import Transport

/// The mail-flow loop's verdict: refused CRITICAL, deferred WARNING, lost CRITICAL, late / in junk / only marked
/// deleted WARNING, and the submission server's certificate judged like the IMAP server's.
@Suite("Judging a run of the mail-flow loop")
struct MailFlowEvaluatorTests {
    let evaluator = MailFlowEvaluator()
    let now = ResultFixture.now
    let token = LoopToken(identity: "evaluator", unixTime: 1_800_000_000)

    /// A submission accepted over TLS with a certificate valid for `days` more days.
    func accepted(certificateDays: Double = 200) -> SubmissionResult {
        var submission = SubmissionResult()
        submission.acceptedText = "2.0.0 Ok: queued as ABC"
        let leaf = CertificateFacts(
            subject: "CN=smtp.example.org", issuer: "CN=Example CA", subjectAlternativeNames: ["smtp.example.org"],
            notBefore: Int64(now - 10 * ResultFixture.day), notAfter: Int64(now + certificateDays * ResultFixture.day),
            sha256Fingerprint: "AB")
        submission.tls = TLSSessionFacts(
            protocolVersion: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256",
            verification: CertificateVerification(code: 0, reason: "ok"), leaf: leaf, presentedChain: [leaf])
        return submission
    }

    /// A mailbox session that found the message in `folder` after `delay`.
    func found(in folder: String = "INBOX", after delay: Duration = .milliseconds(400), incomplete: Bool = false)
        -> ProbeResult
    {
        var mailbox = ResultFixture.success()
        var delivery = DeliveryFacts(token: token.description, expectedFolder: "INBOX")
        delivery.folder = folder
        delivery.delay = delay
        delivery.rounds = 2
        delivery.removed = 1
        delivery.cleanupIncomplete = incomplete
        mailbox.delivery = delivery
        return mailbox
    }

    func run(_ submission: SubmissionResult, _ mailbox: ProbeResult?, lateAfter: Duration? = nil) -> MailFlowResult {
        MailFlowResult(token: token, startedAt: now, submission: submission, mailbox: mailbox, lateAfter: lateAfter)
    }

    @Test("found in INBOX in time: OK, the delivery finding says how fast")
    func delivered() {
        let assessment = evaluator.evaluate(run(accepted(), found()), thresholds: HealthThresholds(), now: now)
        #expect(assessment.status == .ok)
        #expect(assessment.findings.contains(HealthFinding(subject: .delivery, status: .ok, text: "delivered in 0.4 s")))
        #expect(assessment.findings.contains { $0.subject == .submissionCertificateExpiry && $0.status == .ok })
    }

    @Test("late, in Junk, only marked deleted: each a WARNING of its own")
    func warnings() {
        let late = evaluator.evaluate(
            run(accepted(), found(after: .seconds(45)), lateAfter: .seconds(30)), thresholds: HealthThresholds(), now: now)
        #expect(late.status == .warning)
        #expect(late.problems.map(\.text) == ["delivered late: 45 s after acceptance (late after 30 s)"])
        let junk = evaluator.evaluate(run(accepted(), found(in: "Junk")), thresholds: HealthThresholds(), now: now)
        #expect(junk.problems.map(\.subject) == [.folder])
        #expect(junk.problems.first?.text == "delivered into Junk, not INBOX")
        let marked = evaluator.evaluate(run(accepted(), found(incomplete: true)), thresholds: HealthThresholds(), now: now)
        #expect(marked.problems.map(\.subject) == [.cleanup] && marked.status == .warning)
    }

    @Test("refused is CRITICAL, deferred (4yz) WARNING, with the phase, code and the server's words")
    func submissionFailures() {
        var refused = SubmissionResult()
        refused.failure = .init(
            code: .recipientRefused, phase: .submit, message: "rcpt_to: 550 5.1.1 unknown", replyCode: 550,
            enhancedStatus: "5.1.1")
        let critical = evaluator.evaluate(run(refused, nil), thresholds: HealthThresholds(), now: now)
        #expect(critical.status == .critical)
        #expect(critical.problems.first?.text == "smtp_submit failed: recipient_refused (rcpt_to: 550 5.1.1 unknown)")
        var deferred = refused
        deferred.failure?.code = .submissionDeferred
        #expect(evaluator.evaluate(run(deferred, nil), thresholds: HealthThresholds(), now: now).status == .warning)
    }

    @Test("a lost message is the mailbox session's CRITICAL failure in delivery")
    func lost() {
        var mailbox = ResultFixture.success()
        mailbox.failure = ProbeFailure(code: .mailLost, phase: .delivery, message: "not found")
        mailbox.delivery = DeliveryFacts(token: token.description, expectedFolder: "INBOX")
        let result = run(accepted(), mailbox)
        #expect(result.lost && !result.succeeded)
        let assessment = evaluator.evaluate(result, thresholds: HealthThresholds(), now: now)
        #expect(assessment.status == .critical)
        #expect(assessment.problems.first?.text == "delivery failed: mail_lost (not found)")
        #expect(!assessment.findings.contains { $0.subject == .delivery })
    }

    @Test("the submission server's certificate: WARNING and CRITICAL by the same days as the IMAP server's")
    func submissionCertificate() {
        let soon = evaluator.evaluate(run(accepted(certificateDays: 15), found()), thresholds: HealthThresholds(), now: now)
        #expect(soon.problems.map(\.text) == ["submission certificate expires in 15 days (warning below 20)"])
        let expired = evaluator.evaluate(run(accepted(certificateDays: -2), found()), thresholds: HealthThresholds(), now: now)
        #expect(expired.status == .critical)
        #expect(expired.problems.first?.text == "submission certificate expired 2 days ago")
    }
}
