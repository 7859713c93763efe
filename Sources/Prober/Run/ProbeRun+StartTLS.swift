import IMAPProtocol

extension ProbeRun {
    /// `starttls`: the STARTTLS command and the TLS handshake, as 993's `tls_handshake` is the handshake alone.
    func startTLS() throws -> PhaseStep {
        result.capabilities = capabilities.map(\.rawValue)
        guard settings.tlsMode == .starttls else { return .skipped(.notApplicable) }
        let offered = capabilities.contains(.starttls)
        result.starttlsOffered = offered
        guard !preauthenticated else {
            throw ProbeFailure(
                code: .starttlsUnavailable, phase: .starttls,
                message: "the server greeted with PREAUTH, so STARTTLS is impossible")
        }
        guard offered else {
            throw ProbeFailure(code: .starttlsUnavailable, phase: .starttls, message: "the server does not offer STARTTLS")
        }
        return .command(.starttls, .starttls)
    }

    /// The OK to STARTTLS: the handshake starts in the same turn of the event loop, once nothing is left unread.
    func startTLSAnswered(_ outcome: CommandOutcome) throws -> PhaseStep {
        guard outcome.tagged.status.condition == .ok else {
            throw rejection(outcome.tagged, code: .starttlsUnavailable, in: .starttls, doing: "STARTTLS")
        }
        let injected = session.unconsumedByteCount
        guard injected == 0 else {
            throw ProbeFailure(
                code: .starttlsInjection, phase: .starttls,
                message: "\(injected) bytes of plaintext followed the STARTTLS OK (response injection)")
        }
        return .handshake
    }

    /// `capability_after_tls`: the CAPABILITY a client must ask again after STARTTLS, a round trip of its own.
    ///
    /// Under implicit TLS the greeting already comes over TLS, so `capability` is that question there.
    func capabilityAfterTLS() -> PhaseStep {
        settings.tlsMode == .starttls ? .command(.capability, .capabilityAfterTLS) : .skipped(.notApplicable)
    }

    func capabilityAfterTLSAnswered(_ outcome: CommandOutcome) throws -> PhaseStep {
        try learnCapabilities(from: outcome)
        result.capabilities = capabilities.map(\.rawValue)
        return .succeeded
    }
}
