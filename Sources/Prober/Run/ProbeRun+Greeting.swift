import IMAPProtocol

extension ProbeRun {
    /// `greeting`: the server's first response, which must be OK (or PREAUTH); BYE fails the probe.
    func greetingReceived(_ response: Response) throws -> PhaseStep {
        guard let greeting = Greeting(response) else {
            throw ProbeFailure(code: .protocolError, phase: .greeting, message: "the first response is not an IMAP greeting")
        }
        let text = redactor.redact(greeting.text).escapingControlCharacters
        result.greeting = text
        if greeting.kind == .bye {
            throw ProbeFailure(
                code: .connectionClosed, phase: .greeting, message: "the server refused the connection", serverText: text)
        }
        preauthenticated = greeting.kind == .preauth
        if let announced = greeting.capabilities {
            capabilities = announced
        }
        return .succeeded
    }

    /// `capability`: asks for the capabilities when the greeting did not carry them.
    func capabilityStep() -> PhaseStep {
        capabilities.isEmpty ? .command(.capability, .capability) : .skipped(.alreadyKnown)
    }

    func capabilityAnswered(_ outcome: CommandOutcome) throws -> PhaseStep {
        try learnCapabilities(from: outcome)
        return .succeeded
    }

    /// Replaces what the probe knows with the capabilities a CAPABILITY command's answer lists.
    func learnCapabilities(from outcome: CommandOutcome) throws {
        guard outcome.tagged.status.condition == .ok else {
            throw rejection(outcome.tagged, code: .protocolError, in: .capability, doing: "CAPABILITY")
        }
        guard let announced = Self.capabilities(in: outcome) else {
            throw ProbeFailure(code: .protocolError, phase: .capability, message: "CAPABILITY succeeded without listing any")
        }
        capabilities = announced
    }

    /// The capabilities a command's responses announced: an untagged CAPABILITY, or a CAPABILITY response code
    /// on an untagged or the tagged OK.
    static func capabilities(in outcome: CommandOutcome) -> [Capability]? {
        var found: [Capability]?
        for response in outcome.untagged {
            switch response {
            case .capability(let list): found = list
            case .condition(let status): if case .capability(let list) = status.code { found = list }
            default: break
            }
        }
        if case .capability(let list) = outcome.tagged.status.code { found = list }
        return found
    }
}
