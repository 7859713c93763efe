import IMAPProtocol

extension ProbeRun {
    /// `greeting`: the server's first response, which must be OK (or PREAUTH); BYE fails the probe.
    func greeting() async throws(ProbeFailure) {
        let greeting = try await timed(.greeting) { () async throws -> Greeting in
            let response = try await readGreeting()
            guard let greeting = Greeting(response) else {
                throw ProbeFailure(
                    code: .protocolError, phase: .greeting, message: "the first response is not an IMAP greeting")
            }
            let text = redactor.redact(greeting.text).escapingControlCharacters
            result.greeting = text
            if greeting.kind == .bye {
                throw ProbeFailure(
                    code: .connectionClosed, phase: .greeting, message: "the server refused the connection",
                    serverText: text)
            }
            return greeting
        }
        preauthenticated = greeting.kind == .preauth
        if let announced = greeting.capabilities {
            capabilities = announced
        }
    }

    /// The first response; a silent plaintext connection's timeout says what usually causes it.
    private func readGreeting() async throws -> Response {
        do {
            return try await requireSession().readResponse()
        } catch SessionError.transport(let error) where error.code == .timeout && settings.tlsMode != .implicit {
            // A TLS port probed as plaintext waits for our ClientHello while we wait for its greeting.
            throw ProbeFailure(
                code: .timeout, phase: .greeting,
                message: "no greeting before the deadline; a port that speaks TLS from the first byte needs implicit TLS")
        }
    }

    /// `capability`: asks for the capabilities when the greeting did not carry them.
    func capability() async throws(ProbeFailure) {
        guard capabilities.isEmpty else {
            skip(.capability, .alreadyKnown)
            return
        }
        try await timed(.capability) { try await refreshCapabilities() }
    }

    /// Sends CAPABILITY and replaces what the probe knows.
    func refreshCapabilities() async throws {
        let outcome = try await requireSession().run(.capability, capabilities: capabilities)
        guard outcome.tagged.status.condition == .ok else {
            throw rejection(outcome.tagged, code: .protocolError, in: .capability, doing: "CAPABILITY")
        }
        guard let announced = Self.capabilities(in: outcome) else {
            throw ProbeFailure(
                code: .protocolError, phase: .capability, message: "CAPABILITY succeeded without listing any")
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
