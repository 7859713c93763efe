import IMAPProtocol
import Transport

extension ProbeRun {
    /// Turns anything a phase threw into a `ProbeFailure` of that phase.
    func failure(from error: any Error, in phase: Phase) -> ProbeFailure {
        switch error {
        case var failure as ProbeFailure:
            failure.phase = phase
            return failure
        case let error as SessionError:
            return failure(from: error, in: phase)
        case let error as TransportError:
            return failure(from: error, in: phase)
        default:
            return ProbeFailure(code: .internalError, phase: phase, message: String(describing: error))
        }
    }

    private func failure(from error: SessionError, in phase: Phase) -> ProbeFailure {
        switch error {
        case .transport(let error):
            return failure(from: error, in: phase)
        case .closed:
            return ProbeFailure(code: .connectionClosed, phase: phase, message: "the server closed the connection")
        case .bye(let text):
            return ProbeFailure(
                code: .connectionClosed, phase: phase, message: "the server said BYE",
                serverText: redactor.redact(text).escapingControlCharacters)
        case .malformed(let detail):
            return ProbeFailure(code: .protocolError, phase: phase, message: "malformed response: \(detail)")
        case .unexpected(let detail):
            return ProbeFailure(code: .protocolError, phase: phase, message: detail)
        case .encoding(let detail):
            return ProbeFailure(code: .internalError, phase: phase, message: "cannot encode the command: \(detail)")
        }
    }

    private func failure(from error: TransportError, in phase: Phase) -> ProbeFailure {
        ProbeFailure(
            code: ProbeFailure.Code(error, connecting: phase == .connect), phase: phase,
            message: error.message.escapingControlCharacters)
    }

    /// The failure for a tagged NO or BAD in `phase`, with the server's text.
    func rejection(_ tagged: TaggedResponse, code: ProbeFailure.Code, in phase: Phase, doing what: String)
        -> ProbeFailure
    {
        var answer = tagged.status.condition.rawValue.uppercased()
        if let responseCode = tagged.status.code { answer += " [\(responseCode.atomName)]" }
        return ProbeFailure(
            code: code, phase: phase, message: "\(what) answered \(answer)",
            serverText: redactor.redact(tagged.status.text).escapingControlCharacters)
    }
}
