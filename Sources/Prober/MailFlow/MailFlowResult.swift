/// What one run of the mail-flow loop did: the submission, the mailbox session that looked for the message, and
/// the verdict drawn from both.
public struct MailFlowResult: Sendable {
    /// Why a run failed, on whichever side.
    public struct Failure: Sendable, Hashable {
        /// The reason code (`auth_failed`, `recipient_refused`, `mail_lost`, `cleanup_failed`, …).
        public var code: ProbeFailure.Code
        /// The phase: a submission phase (`smtp_auth`) or a mailbox session's (`login`, `delivery`).
        public var phase: String
        /// One line for a person, secrets scrubbed.
        public var message: String
        /// The submission server's reply code and enhanced status, when a reply failed it.
        public var replyCode: Int?
        public var enhancedStatus: String?
    }

    /// The message's token.
    public var token: LoopToken
    /// Wall-clock start, Unix seconds.
    public var startedAt: Double
    /// The submission; nil when this run only looked for a message an earlier one sent. In the Nagios plugin's
    /// non-blocking mode it is this run's, while `mailbox` looked for the message of the run before.
    public var submission: SubmissionResult?
    /// When the submission server accepted the message, Unix seconds; nil unless it did.
    public var acceptedUnix: Double?
    /// The mailbox session; nil when the submission failed, so there was nothing to look for.
    public var mailbox: ProbeResult?
    /// The delivery time past which a found message is late.
    public var lateAfter: Duration?

    /// A result of a run that started at `startedAt`.
    public init(
        token: LoopToken, startedAt: Double, submission: SubmissionResult?, mailbox: ProbeResult?, lateAfter: Duration?
    ) {
        self.token = token
        self.startedAt = startedAt
        self.submission = submission
        self.mailbox = mailbox
        self.lateAfter = lateAfter
    }

    /// Where the message was found, how long it took, and what the clean-up deleted.
    public var delivery: DeliveryFacts? { mailbox?.delivery }

    /// The first failure: the submission's, else the mailbox session's.
    public var failure: Failure? {
        if let failure = submission?.failure {
            return Failure(
                code: failure.code, phase: failure.phase.rawValue, message: failure.message, replyCode: failure.replyCode,
                enhancedStatus: failure.enhancedStatus)
        }
        guard let failure = mailbox?.failure else { return nil }
        return Failure(code: failure.code, phase: failure.phase.rawValue, message: failure.message)
    }

    /// Whether the message was accepted and found, and the session ended cleanly.
    public var succeeded: Bool { failure == nil && delivery?.folder != nil }
    /// Whether the message was accepted and never found before the deadline.
    public var lost: Bool { mailbox?.failure?.code == .mailLost }
    /// Whether the message was found, later than `lateAfter`.
    public var late: Bool {
        guard let delay = delivery?.delay, let lateAfter else { return false }
        return delay > lateAfter
    }
    /// Whether the message was found in a folder other than the expected one (a junk folder).
    public var inOtherFolder: Bool { delivery?.inOtherFolder ?? false }

    /// The run as one result, for what handles a target's results (metrics, the status page, alerts, logs): the
    /// mailbox session, with the submission attached and, when the submission failed, its failure as the
    /// result's, in `delivery` (which it kept from happening), the submission phase and reply in the message.
    public var asProbeResult: ProbeResult? {
        guard var result = mailbox else { return nil }
        result.submission = submission
        if result.failure == nil, let failure = submission?.failure {
            let reply = failure.replyCode.map { " (reply \($0)\(failure.enhancedStatus.map { " " + $0 } ?? ""))" } ?? ""
            result.failure = ProbeFailure(
                code: failure.code, phase: .delivery, message: "\(failure.phase.rawValue): \(failure.message)\(reply)")
        }
        return result
    }
}
