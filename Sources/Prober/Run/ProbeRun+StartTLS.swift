import IMAPProtocol

extension ProbeRun {
    /// `starttls`: the STARTTLS command and the TLS handshake, as 993's `tls_handshake` is the handshake alone.
    func startTLS() async throws(ProbeFailure) {
        result.capabilities = capabilities.map(\.rawValue)
        guard settings.tlsMode == .starttls else {
            skip(.starttls, .notApplicable)
            return
        }
        let offered = capabilities.contains(.starttls)
        result.starttlsOffered = offered
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
        }
        // RFC 9051 §6.2.1: capabilities learned before TLS are discarded.
        capabilities = []
    }

    /// `capability_after_tls`: the CAPABILITY a client must ask again after STARTTLS, a round trip of its own.
    ///
    /// Under implicit TLS the greeting already comes over TLS, so `capability` is that question there.
    func capabilityAfterTLS() async throws(ProbeFailure) {
        guard settings.tlsMode == .starttls else {
            skip(.capabilityAfterTLS, .notApplicable)
            return
        }
        try await timed(.capabilityAfterTLS) { try await refreshCapabilities() }
        result.capabilities = capabilities.map(\.rawValue)
    }
}
