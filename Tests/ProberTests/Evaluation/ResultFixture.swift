import Config
import Prober
import Transport

/// Builds synthetic probe results for evaluation tests.
enum ResultFixture {
    static let now: Double = 1_800_000_000
    static let day: Double = 86_400

    /// A successful 993 probe with every phase timed, a certificate valid for `certificateDays` and quota at
    /// `quotaPercent`.
    static func success(
        certificateDays: Double = 62,
        verified: Bool = true,
        quotaPercent: UInt64 = 41,
        loginMilliseconds: Int = 41,
        totalMilliseconds: Int = 60
    ) -> ProbeResult {
        let phases: [PhaseRecord] = Phase.probe.map { phase in
            switch phase {
            case .login: PhaseRecord(phase: phase, outcome: .succeeded(.milliseconds(loginMilliseconds)))
            case .starttls, .capabilityAfterTLS: PhaseRecord(phase: phase, outcome: .skipped(.notApplicable))
            case .capability: PhaseRecord(phase: phase, outcome: .skipped(.alreadyKnown))
            default: PhaseRecord(phase: phase, outcome: .succeeded(.milliseconds(2)))
            }
        }
        let leaf = CertificateFacts(
            subject: "CN=imap.example.org", issuer: "CN=Example CA", subjectAlternativeNames: ["imap.example.org"],
            notBefore: Int64(now - 300 * day), notAfter: Int64(now + certificateDays * day),
            sha256Fingerprint: "AB:CD")
        let tls = TLSSessionFacts(
            protocolVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384",
            verification: verified
                ? CertificateVerification(code: 0, reason: "ok")
                : CertificateVerification(code: 18, reason: "self-signed certificate"),
            leaf: leaf, presentedChain: [leaf])
        return ProbeResult(
            host: "imap.example.org", port: 993, tlsMode: .implicit, startedAt: now, phases: phases,
            totalDuration: .milliseconds(totalMilliseconds), tls: tls,
            quota: [
                QuotaFacts(
                    root: "User quota",
                    resources: [
                        .init(name: "STORAGE", usage: quotaPercent * 1024, limit: 100 * 1024, unit: .bytes),
                        .init(name: "MESSAGE", usage: 5, limit: 1000, unit: .messages),
                    ])
            ])
    }

    /// A 143 probe that failed in `phase` with `code`.
    static func failure(
        _ code: ProbeFailure.Code, phase: Phase = .login, serverText: String? = nil
    ) -> ProbeResult {
        var reached = true
        let phases: [PhaseRecord] = Phase.probe.map { each in
            if each == phase {
                reached = false
                let failure = ProbeFailure(code: code, phase: phase, message: "failed", serverText: serverText)
                return PhaseRecord(phase: each, outcome: .failed(.milliseconds(5), failure))
            }
            return PhaseRecord(phase: each, outcome: reached ? .succeeded(.milliseconds(1)) : .skipped(.notReached))
        }
        return ProbeResult(
            host: "imap.example.org", port: 143, tlsMode: .starttls, startedAt: now, phases: phases,
            totalDuration: .milliseconds(20),
            failure: ProbeFailure(code: code, phase: phase, message: "failed", serverText: serverText))
    }
}
