/// Why a submission failed, with the step it failed in.
public struct SubmissionFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Hashable, Sendable {
        /// The server answered the step with a refusal or an unexpected code; the reply as it came.
        case refused(SMTPReply)
        /// AUTH was refused with 535 (RFC 4954 §6): the credentials are wrong.
        case authenticationFailed(SMTPReply)
        /// The plan asks for STARTTLS and the server's EHLO does not offer it: nothing secret was sent.
        case startTLSNotOffered
        /// The plan has credentials and the server offers neither PLAIN nor LOGIN (its mechanisms).
        case noCommonMechanism([String])
        /// The plan has credentials and the server offers no AUTH at all.
        case authNotOffered
        /// A command could not be encoded (a configuration's mistake, caught before sending).
        case encoding(SMTPEncodingError)
        /// The plan names no recipient.
        case noRecipients
    }

    /// The step the session was in.
    public var step: SubmissionStep
    /// Why.
    public var reason: Reason

    /// A failure in `step` for `reason`.
    public init(step: SubmissionStep, reason: Reason) {
        self.step = step
        self.reason = reason
    }

    /// One line for a person: the step, then the reply or the reason.
    public var description: String {
        switch reason {
        case .refused(let reply): "\(step.rawValue): \(reply.code) \(reply.text)"
        case .authenticationFailed(let reply): "authentication failed: \(reply.code) \(reply.text)"
        case .startTLSNotOffered: "the server does not offer STARTTLS"
        case .noCommonMechanism(let offered): "no AUTH mechanism in common (offered: \(offered.joined(separator: " ")))"
        case .authNotOffered: "the server does not offer AUTH"
        case .encoding(let error): "\(step.rawValue): \(error)"
        case .noRecipients: "no recipient to send to"
        }
    }
}
