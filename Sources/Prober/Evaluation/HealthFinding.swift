/// One judgement about one aspect of a probe result, with the status it earns and a short text for a person.
public struct HealthFinding: Sendable, Hashable {
    /// What a finding is about.
    public enum Subject: Sendable, Hashable {
        /// The probe as a whole failed.
        case probe
        /// The total duration.
        case total
        /// One phase's duration.
        case phase(Phase)
        /// The earliest expiry in the presented certificate chain.
        case certificateExpiry
        /// The certificate verification result (only reported when it did not fail the probe).
        case certificateVerification
        /// The fullest quota resource.
        case quota
        /// The mail-flow loop's submission (a refusal, or a certificate that did not verify under `insecure`).
        case submission
        /// The earliest expiry in the submission server's certificate chain.
        case submissionCertificateExpiry
        /// The mail-flow loop's delivery: how long it took, and whether late.
        case delivery
        /// The folder the loop's message landed in, when not the expected one (a junk folder).
        case folder
        /// The loop's clean-up, when it could only mark its messages deleted.
        case cleanup
    }

    /// What the finding is about.
    public var subject: Subject
    /// The status this finding alone earns.
    public var status: HealthStatus
    /// A short, single-line text (`certificate expires in 15 days (warning below 20)`).
    public var text: String

    /// A finding about `subject` earning `status`.
    public init(subject: Subject, status: HealthStatus, text: String) {
        self.subject = subject
        self.status = status
        self.text = text
    }
}
