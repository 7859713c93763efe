import Config
import IMAPProtocol
import SMTPProtocol
import Transport

/// One submission in progress, from the open connection to QUIT's reply: the `ConnectionDialogue` the connection
/// drives on its event loop. It frames replies, feeds them to the `SubmissionSession`, does what the session says,
/// and times each phase from the reply that ended the last one to the reply that ends it.
///
/// Touched by one thread at a time (the connection's event loop until `converse` returns, then the caller), hence
/// `@unchecked Sendable`; `result` is read once `converse` has returned.
final class SubmissionRun: ConnectionDialogue, @unchecked Sendable {
    private let settings: SubmissionSettings
    private let tlsContext: TLSClientContext
    private let scrubber: SecretScrubber
    private let keepingTranscript: Bool
    private var framer = ReplyFramer()
    private var session: SubmissionSession
    private var phase: SubmissionPhase
    private var began: ContinuousClock.Instant
    private var handshaking = false
    private var finished = false
    var result: SubmissionResult

    init(
        settings: SubmissionSettings, plan: SubmissionPlan, tlsContext: TLSClientContext, scrubber: SecretScrubber,
        keepingTranscript: Bool, result: SubmissionResult
    ) {
        self.settings = settings
        self.tlsContext = tlsContext
        self.scrubber = scrubber
        self.keepingTranscript = keepingTranscript
        self.session = SubmissionSession(plan: plan)
        self.result = result
        self.phase = settings.security == .implicitTLS ? .tlsHandshake : .greeting
        self.began = .now
    }

    func begin() -> DialogueAction {
        began = .now
        guard settings.security == .implicitTLS else { return .wait }
        handshaking = true
        return .startTLS(tlsContext)
    }

    func received(_ bytes: UnsafeRawBufferPointer) -> DialogueAction {
        framer.append(bytes)
        return proceed()
    }

    func proceed() -> DialogueAction {
        guard !handshaking, !finished else { return .wait }
        let reply: SMTPReply
        do {
            guard let next = try framer.next() else { return .wait }
            reply = next
        } catch {
            return fail(.protocolError, "the server's reply is not SMTP: \(error)")
        }
        note("S: \(reply.code) \(reply.text)")
        let answered = session.step
        if answered == .message, reply.code.isPositiveCompletion {
            result.acceptedAt = .now
        }
        let action = session.received(reply)
        if answered == .startTLS, case .startTLS = action, framer.bufferedByteCount > 0 {
            // Bytes behind STARTTLS's 220 were sent before TLS: reading them as if they came through it is the
            // injection of CVE-2011-0411. Nothing secret was sent yet.
            return fail(.starttlsInjection, "\(framer.bufferedByteCount) bytes came after the reply to STARTTLS, before TLS")
        }
        return perform(action)
    }

    func tlsStarted(_ outcome: Result<TLSSessionFacts, TransportError>) -> DialogueAction {
        guard handshaking, !finished else { return .wait }
        handshaking = false
        let facts: TLSSessionFacts
        switch outcome {
        case .success(let value): facts = value
        case .failure(let error): return fail(ProbeFailure.Code(error, connecting: false), error.message)
        }
        result.tls = facts
        note(facts.handshakeNote)
        if let failure = facts.verificationFailure, !settings.insecure {
            return fail(failure.code, failure.message)
        }
        if settings.security == .implicitTLS {
            enter(.greeting)
            return proceed()
        }
        return perform(session.tlsStarted())
    }

    func ended(_ error: TransportError?) -> DialogueAction {
        guard !finished else { return .finish }
        guard let error else { return fail(.connectionClosed, "the server closed the connection") }
        return fail(ProbeFailure.Code(error, connecting: false), error.message)
    }

    /// Does what the session asked, moving the clock to the phase of the session's new step.
    private func perform(_ action: SubmissionAction) -> DialogueAction {
        switch action {
        case .send(let command):
            enter(Self.phase(of: session.step))
            note("C: \(command.transcript)")
            return .send(command.bytes)
        case .startTLS:
            handshaking = true
            return .startTLS(tlsContext)
        case .done(let receipt):
            enter(nil)
            result.mechanism = receipt.mechanism
            result.acceptedText = clean(receipt.accepted.text)
            finished = true
            return .finish
        case .fail(let failure):
            return fail(failure)
        }
    }

    /// Ends the running phase now and starts `next` (nil: none), unless it is the running one.
    private func enter(_ next: SubmissionPhase?) {
        guard next != phase else { return }
        let now = ContinuousClock.now
        let elapsed = now - began
        if let index = result.phases.firstIndex(where: { $0.phase == phase }) {
            result.phases[index].duration += elapsed
        } else {
            result.phases.append(.init(phase: phase, duration: elapsed))
        }
        if let next { phase = next }
        began = now
    }

    private func fail(_ failure: SubmissionFailure) -> DialogueAction {
        let reply: SMTPReply? =
            switch failure.reason {
            case .refused(let reply), .authenticationFailed(let reply): reply
            default: nil
            }
        let code: ProbeFailure.Code =
            switch failure.reason {
            case .refused(let reply) where reply.code.isTransientFailure:
                failure.step == .rcptTo ? .recipientDeferred : .submissionDeferred
            case .refused: failure.step == .rcptTo ? .recipientRefused : .submissionRefused
            case .authenticationFailed: .authFailed
            case .startTLSNotOffered: .starttlsUnavailable
            case .noCommonMechanism, .authNotOffered: .authUnavailable
            case .encoding, .noRecipients: .configurationInvalid
            }
        return fail(code, failure.description, reply: reply)
    }

    private func fail(_ code: ProbeFailure.Code, _ message: String, reply: SMTPReply? = nil) -> DialogueAction {
        guard !finished else { return .finish }
        let failedPhase = phase
        enter(nil)
        finished = true
        result.failure = SubmissionResult.Failure(
            code: code, phase: failedPhase, message: clean(message), replyCode: reply?.code.value,
            enhancedStatus: reply?.enhancedStatus?.description)
        note("failed in \(failedPhase.rawValue): \(code)")
        return .finish
    }

    /// Server text made safe to show: the secret's forms removed, control characters escaped.
    private func clean(_ text: String) -> String {
        scrubber.scrub(text).escapingControlCharacters
    }

    private func note(_ line: String) {
        guard keepingTranscript else { return }
        result.transcript.append(clean(line))
    }

    /// The phase a session step's command belongs to.
    private static func phase(of step: SubmissionStep) -> SubmissionPhase {
        switch step {
        case .greeting: .greeting
        case .ehlo, .ehloAfterTLS: .ehlo
        case .startTLS: .startTLS
        case .auth: .auth
        case .mailFrom, .rcptTo, .data, .message: .submit
        case .quit: .quit
        }
    }
}
