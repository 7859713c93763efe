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

    /// Runs the TLS handshake on the open connection, records the session facts, and enforces verification
    /// unless the probe is insecure.
    func handshake() async throws {
        guard let connection else {
            throw ProbeFailure(code: .internalError, phase: .tlsHandshake, message: "no connection")
        }
        guard let tlsContext else {
            throw ProbeFailure(code: .internalError, phase: .tlsHandshake, message: "no TLS context prepared")
        }
        let facts = try await connection.startTLS(context: tlsContext.get())
        result.tls = facts
        let verification = facts.verification
        let verdict = verification.isVerified ? "verified" : "NOT verified: \(verification.reason)"
        transcript.note("TLS \(facts.protocolVersion) \(facts.cipher), certificate \(verdict)")
        guard !verification.isVerified, !settings.insecure else { return }
        throw ProbeFailure(
            code: Self.failureCode(for: verification.kind), phase: .tlsHandshake,
            message: "certificate verification failed: \(verification.reason)")
    }

    private static func failureCode(for kind: CertificateVerification.Kind) -> ProbeFailure.Code {
        switch kind {
        case .verified, .untrusted: .certificateUntrusted
        case .expired: .certificateExpired
        case .notYetValid: .certificateNotYetValid
        case .hostnameMismatch: .hostnameMismatch
        }
    }
}
