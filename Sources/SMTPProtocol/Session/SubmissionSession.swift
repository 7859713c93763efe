import SASLEncoding

/// A submission client's session (RFC 6409 over RFC 5321) as a state machine: each server reply in, the next
/// action out. No I/O, no clock: the caller reads replies with a `ReplyFramer`, does what each action says and
/// times the steps (`step` tells which one a reply ends).
///
/// Order: greeting, EHLO, STARTTLS and EHLO again (or TLS from the start), AUTH (PLAIN with an initial response,
/// else LOGIN), MAIL FROM (with SIZE when offered), RCPT TO for each recipient, DATA, the message, QUIT. Nothing
/// secret is sent before TLS: the plan's security is TLS either way, and a server without STARTTLS fails the
/// session at EHLO. No pipelining, so each reply belongs to one command and each step is timed alone.
public struct SubmissionSession: Sendable {
    /// The step whose reply the session waits for.
    public private(set) var step = SubmissionStep.greeting

    private let plan: SubmissionPlan
    private var extensions: ServerExtensions?
    private var mechanism: String?
    /// AUTH LOGIN: how many of its two responses (user name, password) were sent.
    private var loginResponsesSent = 0
    private var recipientsAccepted = 0
    private var accepted: SMTPReply?

    /// A session that will carry out `plan`.
    public init(plan: SubmissionPlan) {
        self.plan = plan
    }

    /// The action after `reply`, the answer to `step`.
    public mutating func received(_ reply: SMTPReply) -> SubmissionAction {
        let code = reply.code.value
        switch step {
        case .greeting:
            guard code == 220 else { return refused(reply) }
            return send(.ehlo(plan.clientName), next: .ehlo)
        case .ehlo, .ehloAfterTLS:
            guard code == 250 else { return refused(reply) }
            let offered = ServerExtensions(ehloReply: reply)
            extensions = offered
            if step == .ehlo, plan.security == .startTLS {
                guard offered.offersStartTLS else { return fail(.startTLSNotOffered) }
                return send(.startTLS, next: .startTLS)
            }
            return authenticate(offered)
        case .startTLS:
            guard code == 220 else { return refused(reply) }
            return .startTLS
        case .auth:
            return authAnswered(reply)
        case .mailFrom:
            guard code == 250 else { return refused(reply) }
            guard let first = plan.recipients.first else { return fail(.noRecipients) }
            return send(.rcptTo(first), next: .rcptTo)
        case .rcptTo:
            guard code == 250 || code == 251 else { return refused(reply) }
            recipientsAccepted += 1
            guard recipientsAccepted == plan.recipients.count else {
                return send(.rcptTo(plan.recipients[recipientsAccepted]), next: .rcptTo)
            }
            return send(.data, next: .data)
        case .data:
            guard code == 354 else { return refused(reply) }
            return send(.message(plan.message), next: .message)
        case .message:
            guard code == 250 else { return refused(reply) }
            accepted = reply
            return send(.quit, next: .quit)
        case .quit:
            // Only reached after the message's 250, so `accepted` and `extensions` are set.
            guard let accepted, let extensions else { return refused(reply) }
            return .done(SubmissionReceipt(
                extensions: extensions, mechanism: mechanism, accepted: accepted, quit: code == 221 ? reply : nil))
        }
    }

    /// The action once the handshake after STARTTLS's 220 succeeded: EHLO again, forgetting the first.
    public mutating func tlsStarted() -> SubmissionAction {
        extensions = nil
        return send(.ehlo(plan.clientName), next: .ehloAfterTLS)
    }

    /// AUTH with the first mechanism both sides have (PLAIN, then LOGIN), or MAIL FROM without credentials.
    private mutating func authenticate(_ offered: ServerExtensions) -> SubmissionAction {
        guard let credentials = plan.credentials else { return mailFrom() }
        step = .auth
        guard offered.has("AUTH") else { return fail(.authNotOffered) }
        if offered.authMechanisms.contains("PLAIN") {
            mechanism = "PLAIN"
            let response = SASL.plain(username: credentials.username, password: credentials.password)
            return send(.auth(mechanism: "PLAIN", initialResponse: response), next: .auth)
        }
        guard offered.authMechanisms.contains("LOGIN") else { return fail(.noCommonMechanism(offered.authMechanisms)) }
        mechanism = "LOGIN"
        return send(.auth(mechanism: "LOGIN", initialResponse: nil), next: .auth)
    }

    private mutating func authAnswered(_ reply: SMTPReply) -> SubmissionAction {
        switch reply.code.value {
        case 235:
            return mailFrom()
        case 535:
            return fail(.authenticationFailed(reply))
        case 334 where mechanism == "LOGIN" && loginResponsesSent < 2:
            // LOGIN asks for the user name, then the password; its prompts are not read, only counted.
            guard let credentials = plan.credentials else { return refused(reply) }
            loginResponsesSent += 1
            let response = Array((loginResponsesSent == 1 ? credentials.username : credentials.password).utf8)
            return send(.authResponse(response), next: .auth)
        default:
            return refused(reply)
        }
    }

    private mutating func mailFrom() -> SubmissionAction {
        // SIZE only when the server announced it; the size is the message's before dot-stuffing, as RFC 1870 allows.
        let size = extensions?.has("SIZE") == true ? plan.message.count : nil
        return send(.mailFrom(plan.sender, size: size), next: .mailFrom)
    }

    private mutating func send(_ command: SMTPCommand, next: SubmissionStep) -> SubmissionAction {
        step = next
        do {
            return .send(try SMTPCommandEncoder.encode(command))
        } catch {
            return fail(.encoding(error))
        }
    }

    private func refused(_ reply: SMTPReply) -> SubmissionAction {
        fail(.refused(reply))
    }

    private func fail(_ reason: SubmissionFailure.Reason) -> SubmissionAction {
        .fail(SubmissionFailure(step: step, reason: reason))
    }
}
