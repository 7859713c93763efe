import Config
import Transport

extension ProbeRun {
    /// The TLS settings a probe's options ask for.
    static func tlsConfiguration(for settings: ProbeSettings) -> TLSClientConfiguration {
        let name = settings.effectiveServerName.text
        return TLSClientConfiguration(
            serverName: name,
            verifyHostname: name,
            caFile: settings.caFile,
            minimumVersion: settings.minimumTLSVersion.map(TLSProtocolVersion.init) ?? .tls1_2)
    }

    /// `tls_handshake`: TLS from the first byte, for implicit TLS only.
    func implicitTLS() -> PhaseStep {
        settings.tlsMode == .implicit ? .handshake : .skipped(.notApplicable)
    }

    /// Records the session facts of a finished handshake, and enforces verification unless the probe is
    /// insecure. After STARTTLS, what was learned before TLS is discarded (RFC 9051 §6.2.1).
    func handshakeFinished(_ facts: TLSSessionFacts) throws -> PhaseStep {
        result.tls = facts
        transcript.note(facts.handshakeNote)
        if let failure = facts.verificationFailure, !settings.insecure {
            throw ProbeFailure(code: failure.code, phase: .tlsHandshake, message: failure.message)
        }
        if phase == .starttls { capabilities = [] }
        return .succeeded
    }
}
