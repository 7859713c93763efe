import IMAPProtocol

extension ProbeRun {
    /// `starttls`: the STARTTLS command, the TLS handshake, and the CAPABILITY a client must ask again after it
    /// (RFC 9051 §6.2.1: capabilities learned before TLS are discarded).
    func startTLS() async throws(ProbeFailure) {
        guard settings.tlsMode == .starttls else {
            skip(.starttls, .notApplicable)
            result.capabilities = capabilities.map(\.rawValue)
            return
        }
        let offered = capabilities.contains(.starttls)
        result.starttlsOffered = offered
        result.capabilities = capabilities.map(\.rawValue)
        try await timed(.starttls) {
            guard !preauthenticated else {
                throw ProbeFailure(
                    code: .starttlsUnavailable, phase: .starttls,
                    message: "the server greeted with PREAUTH, so STARTTLS is impossible")
            }
            guard offered else {
                throw ProbeFailure(
                    code: .starttlsUnavailable, phase: .starttls, message: "the server does not offer STARTTLS")
            }
            let session = try requireSession()
            let outcome = try await session.run(.starttls, capabilities: capabilities)
            guard outcome.tagged.status.condition == .ok else {
                throw rejection(outcome.tagged, code: .starttlsUnavailable, in: .starttls, doing: "STARTTLS")
            }
            let injected = session.unconsumedByteCount
            guard injected == 0 else {
                throw ProbeFailure(
                    code: .starttlsInjection, phase: .starttls,
                    message: "\(injected) bytes of plaintext followed the STARTTLS OK (response injection)")
            }
            try await handshake()
            capabilities = []
            try await refreshCapabilities()
        }
        result.capabilities = capabilities.map(\.rawValue)
    }
}
