import SMTPProtocol
import Transport

/// What one submission did, as plain data: each phase's time, the TLS facts, and the server's acceptance or the
/// failure, with the transcript when asked for.
public struct SubmissionResult: Sendable {
    /// A phase that ran, and how long it took.
    public struct PhaseTime: Sendable, Hashable {
        /// The phase.
        public var phase: SubmissionPhase
        /// How long it took (both EHLOs together for `smtp_ehlo`).
        public var duration: Duration
    }

    /// Why a submission failed.
    public struct Failure: Sendable, Hashable {
        /// The reason code (as the IMAP probe's: `auth_failed`, `starttls_unavailable`, `timeout`, …, and
        /// `submission_refused`, `recipient_refused`).
        public var code: ProbeFailure.Code
        /// The phase it failed in.
        public var phase: SubmissionPhase
        /// One line for a person, secrets scrubbed.
        public var message: String
        /// The server's reply code, when a reply failed it.
        public var replyCode: Int?
        /// The enhanced status code of that reply, such as "5.1.1".
        public var enhancedStatus: String?

        /// A failure of `phase` for `code`.
        public init(
            code: ProbeFailure.Code, phase: SubmissionPhase, message: String, replyCode: Int? = nil,
            enhancedStatus: String? = nil
        ) {
            self.code = code
            self.phase = phase
            self.message = message
            self.replyCode = replyCode
            self.enhancedStatus = enhancedStatus
        }
    }

    /// The phases that ran, in order, the failed one last.
    public var phases: [PhaseTime] = []
    /// The address connected to.
    public var connectedAddress: String?
    /// The TLS session's facts: the certificate, its chain and verification.
    public var tls: TLSSessionFacts?
    /// The mechanism AUTH used.
    public var mechanism: String?
    /// The text of the reply that accepted the message (its queue id), when it was accepted.
    public var acceptedText: String?
    /// When the reply that accepted the message arrived: where the loop's delivery time starts.
    public var acceptedAt: ContinuousClock.Instant?
    /// Why it failed; nil when the message was accepted.
    public var failure: Failure?
    /// The conversation, secrets redacted; empty unless asked for.
    public var transcript: [String] = []

    /// A result with nothing in it yet; the submitter fills it as the submission goes.
    public init() {}

    /// Whether the server accepted the message.
    public var accepted: Bool { failure == nil && acceptedText != nil }
}
