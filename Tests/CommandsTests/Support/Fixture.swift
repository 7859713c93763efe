import Config
import Prober
import Transport

/// Synthetic probe results with exactly known numbers, for the report and command tests.
enum Fixture {
    static let now: Double = 1_800_000_000
    static let day: Double = 86_400
    static let password = "hunter2-S3cret!"

    static func succeeded(_ milliseconds: Double) -> PhaseOutcome {
        .succeeded(.microseconds(Int64(milliseconds * 1000)))
    }

    /// A complete 993 probe: login 41 ms, select 3 ms, total 52.5 ms, cert 62.5 days, quota 41 %.
    static func success(certificateDays: Double = 62.5) -> ProbeResult {
        let timings: [Phase: Double] = [
            .resolve: 0.1, .connect: 0.4, .tlsHandshake: 3, .greeting: 1, .login: 41, .select: 3, .fetch: 2,
            .quota: 1.5, .logout: 0.5,
        ]
        let phases = Phase.probe.map { phase in
            switch phase {
            case .capability: PhaseRecord(phase: phase, outcome: .skipped(.alreadyKnown))
            case .starttls, .capabilityAfterTLS: PhaseRecord(phase: phase, outcome: .skipped(.notApplicable))
            default: PhaseRecord(phase: phase, outcome: succeeded(timings[phase] ?? 0))
            }
        }
        let leaf = CertificateFacts(
            subject: "CN=imap.example.org", issuer: "CN=Example CA,O=Example",
            subjectAlternativeNames: ["imap.example.org", "mail.example.org"],
            notBefore: Int64(now - 30 * day), notAfter: Int64(now + certificateDays * day),
            sha256Fingerprint: "AA:BB:CC")
        let tls = TLSSessionFacts(
            protocolVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384",
            verification: CertificateVerification(code: 0, reason: "ok"), leaf: leaf, presentedChain: [leaf])
        return ProbeResult(
            host: "imap.example.org", port: 993, tlsMode: .implicit, startedAt: now, phases: phases,
            totalDuration: .microseconds(52_500), connectedAddress: "192.0.2.10:993",
            resolvedAddresses: ["192.0.2.10", "2001:db8::10"], tls: tls, greeting: "Dovecot ready.",
            capabilities: ["IMAP4REV1", "AUTH=PLAIN"], postLoginCapabilities: ["IMAP4REV1", "QUOTA"],
            authMechanism: .login,
            mailbox: MailboxFacts(name: "INBOX", messages: 12, uidValidity: 1_700_000_000, uidNext: 13, readOnly: true),
            fetch: FetchFacts(sequenceNumber: 12, bytesRequested: 1024, bytesReceived: 1024, messageSize: 2048),
            quota: [
                QuotaFacts(
                    root: "User quota",
                    resources: [
                        .init(name: "STORAGE", usage: 41_984, limit: 102_400, unit: .bytes),
                        .init(name: "MESSAGE", usage: 5, limit: 1000, unit: .messages),
                    ])
            ],
            transcript: [
                TranscriptLine(direction: .server, text: "* OK Dovecot ready.", offset: .milliseconds(5)),
                TranscriptLine(direction: .client, text: "a1 LOGIN \"monitor\" <redacted>", offset: .milliseconds(6)),
                TranscriptLine(direction: .server, text: "a1 OK Logged in", offset: .milliseconds(47)),
            ])
    }

    /// A 143 STARTTLS probe whose login was refused after 5 ms.
    static func authFailure(serverText: String = "NO [AUTHENTICATIONFAILED] Authentication failed.") -> ProbeResult {
        failure(.authFailed, in: .login, serverText: serverText)
    }

    /// A 143 probe that failed in `phase`; earlier phases took 1 ms each, the failed one 5 ms.
    static func failure(_ code: ProbeFailure.Code, in phase: Phase, serverText: String? = nil) -> ProbeResult {
        let failure = ProbeFailure(code: code, phase: phase, message: "the probe failed", serverText: serverText)
        var reached = true
        let phases = Phase.probe.map { each -> PhaseRecord in
            if each == phase {
                reached = false
                return PhaseRecord(phase: each, outcome: .failed(.milliseconds(5), failure))
            }
            if each == .tlsHandshake { return PhaseRecord(phase: each, outcome: .skipped(.notApplicable)) }
            return PhaseRecord(phase: each, outcome: reached ? succeeded(1) : .skipped(.notReached))
        }
        let ran = phases.compactMap { $0.outcome.duration }.reduce(Duration.zero, +)
        return ProbeResult(
            host: "imap.example.org", port: 143, tlsMode: .starttls, startedAt: now, phases: phases,
            totalDuration: ran, failure: failure, connectedAddress: "192.0.2.10:143")
    }
}
