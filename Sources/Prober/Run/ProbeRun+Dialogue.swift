import IMAPProtocol
import Transport

/// The phases from the open connection to LOGOUT, as the dialogue the connection drives on its event loop.
extension ProbeRun: ConnectionDialogue {
    func begin() -> DialogueAction {
        drive { try enter(at: 0) }
    }

    func received(_ bytes: UnsafeRawBufferPointer) -> DialogueAction {
        session.append(bytes)
        return proceed()
    }

    func proceed() -> DialogueAction {
        switch awaiting {
        case .greeting:
            return drive { .greeting }
        case .answer(let command):
            return drive {
                switch try session.advance() {
                case nil: return .wait
                case .send(let bytes): return .write(bytes)
                case .complete(let outcome):
                    awaiting = .nothing
                    return try answered(command, outcome)
                }
            }
        case .pause(let until):
            // A call before the time is bytes the server sent unasked (kept for the next command's answer), or
            // the submission's end waking the session (`resumeEarly`, which ends whatever pause runs): go on if it
            // waited for that, else pause again until the same time. The timer's own call may come a hair early.
            guard ContinuousClock.now.advanced(by: .milliseconds(1)) >= until || submissionSettledWhileWaiting else {
                return .pause(until: until)
            }
            awaiting = .nothing
            return drive { try resumed() }
        case .handshake, .nothing:
            return .wait
        }
    }

    func tlsStarted(_ outcome: Result<TLSSessionFacts, TransportError>) -> DialogueAction {
        guard case .handshake = awaiting else { return .wait }
        awaiting = .nothing
        return drive { try handshakeFinished(outcome.get()) }
    }

    func ended(_ error: TransportError?) -> DialogueAction {
        drive { try connectionEnded(error) }
    }

    // MARK: Driving the phases

    /// Runs `body`, then each step it leads to, until one waits for the server; a failure thrown on the way
    /// fails the current phase and ends the dialogue.
    private func drive(_ body: () throws -> PhaseStep) -> DialogueAction {
        do {
            var step = try body()
            while true {
                switch step {
                case .succeeded:
                    recordSuccess(of: phase, since: began)
                    step = try enterNext()
                case .skipped(let reason):
                    skip(phase, reason)
                    step = try enterNext()
                case .recorded:
                    step = try enterNext()
                case .pause(let until):
                    awaiting = .pause(until: until)
                    return .pause(until: until)
                case .ranAndSkipped(let reason):
                    lastEnd = .now
                    skip(phase, reason)
                    step = try enterNext()
                case .command(let command, let awaited):
                    let bytes = try session.start(command, capabilities: capabilities)
                    awaiting = .answer(to: awaited)
                    return .send(bytes)
                case .write(let bytes):
                    return .send(bytes)
                case .handshake:
                    guard let tlsContext else {
                        throw ProbeFailure(code: .internalError, phase: phase, message: "no TLS context prepared")
                    }
                    let context = try tlsContext.get()
                    awaiting = .handshake
                    return .startTLS(context)
                case .greeting:
                    awaiting = .greeting
                    guard let response = try session.nextResponse() else { return .wait }
                    awaiting = .nothing
                    step = try greetingReceived(response)
                case .wait:
                    return .wait
                case .end:
                    awaiting = .nothing
                    return .finish
                }
            }
        } catch {
            _ = recordFailure(error, in: phase, since: began)
            awaiting = .nothing
            return .finish
        }
    }

    /// Starts the phase after the current one; `.end` after the last.
    private func enterNext() throws -> PhaseStep {
        let next = dialoguePosition + 1
        return next < dialoguePhases.count ? try enter(at: next) : .end
    }

    /// Makes the phase at `position` of `dialoguePhases` the current one, its clock started, and takes its first
    /// step (whose failure is that phase's).
    private func enter(at position: Int) throws -> PhaseStep {
        dialoguePosition = position
        phase = dialoguePhases[position]
        began = .now
        return try firstStep(of: phase)
    }

    private func firstStep(of phase: Phase) throws -> PhaseStep {
        switch phase {
        case .tlsHandshake: implicitTLS()
        case .greeting: .greeting
        case .capability: capabilityStep()
        case .starttls: try startTLS()
        case .capabilityAfterTLS: capabilityAfterTLS()
        case .login: try login()
        case .select: selectMailbox()
        case .fetch: try fetch()
        case .quota: quota()
        case .delivery: try deliveryStep()
        case .cleanup: cleanupStep()
        case .logout: .command(.logout, .logout)
        case .resolve, .connect:
            throw ProbeFailure(code: .internalError, phase: phase, message: "\(phase.rawValue) is not a dialogue phase")
        }
    }

    /// The step after the tagged answer to `command`.
    private func answered(_ command: AwaitedCommand, _ outcome: CommandOutcome) throws -> PhaseStep {
        switch command {
        case .capability: try capabilityAnswered(outcome)
        case .capabilityAfterTLS: try capabilityAfterTLSAnswered(outcome)
        case .starttls: try startTLSAnswered(outcome)
        case .login(let mechanism): try loginAnswered(outcome, mechanism: mechanism)
        case .select(let verb): try selectAnswered(outcome, verb: verb)
        case .fetch(let messages, let requested): try fetchAnswered(outcome, messages: messages, requested: requested)
        case .quotaCapabilities: try quotaCapabilitiesAnswered(outcome)
        case .quotaRoot: try quotaRootAnswered(outcome)
        case .logout: try logoutAnswered(outcome)
        case .loop(let command): try loopAnswered(command, outcome)
        }
    }

    /// What the end of the connection means in the current phase.
    private func connectionEnded(_ error: TransportError?) throws -> PhaseStep {
        switch awaiting {
        case .answer(to: .logout) where error == nil:
            awaiting = .nothing
            transcript.note("the server closed the connection without a tagged OK to LOGOUT")
            return .succeeded
        case .greeting where error?.code == .timeout && settings.tlsMode != .implicit:
            // A TLS port probed as plaintext waits for our ClientHello while we wait for its greeting.
            throw ProbeFailure(
                code: .timeout, phase: .greeting,
                message: "no greeting before the deadline; a port that speaks TLS from the first byte needs implicit TLS")
        default:
            if let error { throw SessionError.transport(error) }
            throw SessionError.closed
        }
    }
}
