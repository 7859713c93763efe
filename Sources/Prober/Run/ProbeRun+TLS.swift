import Config
import Transport

extension ProbeRun {
    /// The TLS settings the probe's options ask for.
    var tlsConfiguration: TLSClientConfiguration {
        let name = settings.effectiveServerName
        return TLSClientConfiguration(
            serverName: name,
            verifyHostname: name,
            caFile: settings.caFile,
            minimumVersion: settings.minimumTLSVersion.map(Self.protocolVersion) ?? .tls1_2)
    }

    /// Runs the TLS handshake on the open connection, records the session facts, and enforces verification
    /// unless the probe is insecure.
    func handshake() async throws {
        guard let connection else {
            throw ProbeFailure(code: .internalError, phase: .tlsHandshake, message: "no connection")
        }
        let facts = try await connection.startTLS(context: tlsContexts.context(for: tlsConfiguration))
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

    private static func protocolVersion(_ version: TLSVersion) -> TLSProtocolVersion {
        switch version {
        case .tls1_0: .tls1_0
        case .tls1_1: .tls1_1
        case .tls1_2: .tls1_2
        case .tls1_3: .tls1_3
        }
    }
}
