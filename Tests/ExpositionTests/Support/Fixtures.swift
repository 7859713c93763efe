import Config
import Prober
import Transport

/// Real-looking targets and probe results, built in code.
enum Fixtures {
    static let password = "hunter2-Very-Secret"
    static let username = "probe-user@example.org"

    /// A target on 993 with a login (username + inline password) and two labels given out of order.
    static func imapsTarget(name: String = "mail-a", labels: [TargetLabel] = defaultLabels) -> TargetConfiguration {
        TargetConfiguration(
            name: name,
            labels: labels,
            settings: ProbeSettings(host: "imap.example.org", port: 993),
            login: LoginConfiguration(username: username, secret: .inline(Secret(password))))
    }

    static let defaultLabels = [
        TargetLabel(name: "site", value: "fra1"), TargetLabel(name: "env", value: "prod"),
    ]

    /// A STARTTLS target on 143 without labels.
    static func starttlsTarget(name: String = "mail-b") -> TargetConfiguration {
        TargetConfiguration(
            name: name,
            settings: ProbeSettings(host: "mx.example.net", port: 143),
            login: LoginConfiguration(username: username, secret: .inline(Secret(password))))
    }

    static let leafNotAfter: Int64 = 1_798_761_599  // 2026-12-31T23:59:59Z
    static let intermediateNotAfter: Int64 = 1_780_000_000
    static let rootNotAfter: Int64 = 2_000_000_000

    static func tls(version: String = "TLSv1.3", cipher: String = "TLS_AES_256_GCM_SHA384", verified: Bool = true)
        -> TLSSessionFacts
    {
        let leaf = certificate("CN=imap.example.org", notAfter: leafNotAfter)
        let intermediate = certificate("CN=Example Intermediate", notAfter: intermediateNotAfter)
        let root = certificate("CN=Example Root", notAfter: rootNotAfter)
        return TLSSessionFacts(
            protocolVersion: version, cipher: cipher,
            verification: verified
                ? CertificateVerification(code: 0, reason: "ok")
                : CertificateVerification(code: 20, reason: "unable to get local issuer certificate"),
            leaf: leaf, presentedChain: [leaf, intermediate],
            verifiedChain: verified ? [leaf, intermediate, root] : [])
    }

    static func certificate(_ subject: String, notAfter: Int64) -> CertificateFacts {
        CertificateFacts(
            subject: subject, issuer: "CN=Example Root", subjectAlternativeNames: ["imap.example.org"],
            notBefore: notAfter - 90 * 86_400, notAfter: notAfter,
            sha256Fingerprint: "AB:CD")
    }

    static let quotaUsageBytes: UInt64 = 655_360  // 640 units of 1024 octets
    static let quotaLimitBytes: UInt64 = 104_857_600

    static func quota(root: String = "User quota") -> QuotaFacts {
        QuotaFacts(
            root: root,
            resources: [
                .init(name: "STORAGE", usage: quotaUsageBytes, limit: quotaLimitBytes, unit: .bytes),
                .init(name: "MESSAGE", usage: 7, limit: 10_000, unit: .messages),
            ])
    }

    /// Phases of a full implicit-TLS probe: `starttls` and `capability_after_tls` not applicable, `capability`
    /// already known.
    static let implicitPhases: [PhaseRecord] = [
        PhaseRecord(phase: .resolve, outcome: .succeeded(.microseconds(400))),
        PhaseRecord(phase: .connect, outcome: .succeeded(.milliseconds(2))),
        PhaseRecord(phase: .tlsHandshake, outcome: .succeeded(.milliseconds(12))),
        PhaseRecord(phase: .greeting, outcome: .succeeded(.milliseconds(3))),
        PhaseRecord(phase: .capability, outcome: .skipped(.alreadyKnown)),
        PhaseRecord(phase: .starttls, outcome: .skipped(.notApplicable)),
        PhaseRecord(phase: .capabilityAfterTLS, outcome: .skipped(.notApplicable)),
        PhaseRecord(phase: .login, outcome: .succeeded(.milliseconds(20))),
        PhaseRecord(phase: .select, outcome: .succeeded(.milliseconds(4))),
        PhaseRecord(phase: .fetch, outcome: .succeeded(.milliseconds(1))),
        PhaseRecord(phase: .quota, outcome: .succeeded(.milliseconds(2))),
        PhaseRecord(phase: .logout, outcome: .succeeded(.milliseconds(1))),
    ]

    static let startedAt = 1_767_225_600.5  // 2026-01-01T00:00:00.5Z

    /// A successful implicit-TLS probe with login, mailbox, fetch and quota; the transcript carries the username.
    static func success(
        tls: TLSSessionFacts? = Fixtures.tls(), quota: [QuotaFacts] = [Fixtures.quota()]
    ) -> ProbeResult {
        ProbeResult(
            host: "imap.example.org", port: 993, tlsMode: .implicit, startedAt: startedAt,
            phases: implicitPhases, totalDuration: .microseconds(45_400),
            connectedAddress: "192.0.2.10:993", resolvedAddresses: ["192.0.2.10"], tls: tls,
            greeting: "Dovecot ready.",
            capabilities: ["IMAP4REV1", "IMAP4REV2", "SASL-IR", "IDLE", "AUTH=PLAIN"],
            postLoginCapabilities: ["IMAP4REV1", "IMAP4REV2", "IDLE", "QUOTA", "NAMESPACE"],
            authMechanism: .plain,
            mailbox: MailboxFacts(name: "INBOX", messages: 42, uidValidity: 1, uidNext: 43, readOnly: true),
            fetch: FetchFacts(sequenceNumber: 42, bytesRequested: 1024, bytesReceived: 1024, messageSize: 2048),
            quota: quota,
            transcript: [
                TranscriptLine(direction: .client, text: "a1 LOGIN \(username) <redacted>", offset: .milliseconds(18))
            ])
    }

    /// An implicit-TLS probe refused at connect: every later phase not reached.
    static func connectRefused(startedAt: Double = startedAt + 60) -> ProbeResult {
        let failure = ProbeFailure(code: .connectRefused, phase: .connect, message: "connection refused")
        var phases = [
            PhaseRecord(phase: .resolve, outcome: .succeeded(.microseconds(300))),
            PhaseRecord(phase: .connect, outcome: .failed(.microseconds(700), failure)),
        ]
        phases += Phase.probe.dropFirst(2).map { PhaseRecord(phase: $0, outcome: .skipped(.notReached)) }
        return ProbeResult(
            host: "imap.example.org", port: 993, tlsMode: .implicit, startedAt: startedAt, phases: phases,
            totalDuration: .milliseconds(1), failure: failure, resolvedAddresses: ["192.0.2.10"])
    }

    /// A STARTTLS probe whose login was rejected; the server text names the user.
    static func starttlsAuthFailed() -> ProbeResult {
        let failure = ProbeFailure(
            code: .authFailed, phase: .login, message: "login rejected",
            serverText: "[AUTHENTICATIONFAILED] Authentication failed for \(username)")
        let phases: [PhaseRecord] = [
            PhaseRecord(phase: .resolve, outcome: .succeeded(.microseconds(200))),
            PhaseRecord(phase: .connect, outcome: .succeeded(.milliseconds(1))),
            PhaseRecord(phase: .tlsHandshake, outcome: .skipped(.notApplicable)),
            PhaseRecord(phase: .greeting, outcome: .succeeded(.milliseconds(2))),
            PhaseRecord(phase: .capability, outcome: .succeeded(.milliseconds(1))),
            PhaseRecord(phase: .starttls, outcome: .succeeded(.milliseconds(14))),
            PhaseRecord(phase: .capabilityAfterTLS, outcome: .succeeded(.milliseconds(1))),
            PhaseRecord(phase: .login, outcome: .failed(.seconds(2), failure)),
            PhaseRecord(phase: .select, outcome: .skipped(.notReached)),
            PhaseRecord(phase: .fetch, outcome: .skipped(.notReached)),
            PhaseRecord(phase: .quota, outcome: .skipped(.notReached)),
            PhaseRecord(phase: .logout, outcome: .skipped(.notReached)),
        ]
        return ProbeResult(
            host: "mx.example.net", port: 143, tlsMode: .starttls, startedAt: startedAt + 1, phases: phases,
            totalDuration: .microseconds(2_019_200), failure: failure, connectedAddress: "198.51.100.7:143",
            tls: tls(version: "TLSv1.2", cipher: "ECDHE-RSA-AES256-GCM-SHA384", verified: false),
            greeting: "IMAP ready", capabilities: ["IMAP4REV1", "SASL-IR", "ID", "AUTH=PLAIN"],
            starttlsOffered: true, authMechanism: .plain)
    }

    /// A STARTTLS target whose server offers no STARTTLS and disables LOGIN: the probe stops at `starttls`.
    static func starttlsUnavailable() -> ProbeResult {
        let failure = ProbeFailure(code: .starttlsUnavailable, phase: .starttls, message: "STARTTLS not offered")
        let phases: [PhaseRecord] = [
            PhaseRecord(phase: .resolve, outcome: .succeeded(.microseconds(200))),
            PhaseRecord(phase: .connect, outcome: .succeeded(.milliseconds(1))),
            PhaseRecord(phase: .tlsHandshake, outcome: .skipped(.notApplicable)),
            PhaseRecord(phase: .greeting, outcome: .succeeded(.milliseconds(2))),
            PhaseRecord(phase: .capability, outcome: .skipped(.alreadyKnown)),
            PhaseRecord(phase: .starttls, outcome: .failed(.zero, failure)),
        ] + [Phase.capabilityAfterTLS, .login, .select, .fetch, .quota, .logout].map { PhaseRecord(phase: $0, outcome: .skipped(.notReached)) }
        return ProbeResult(
            host: "mx.example.net", port: 143, tlsMode: .starttls, startedAt: startedAt + 2, phases: phases,
            totalDuration: .microseconds(3_200), failure: failure, connectedAddress: "198.51.100.7:143",
            greeting: "IMAP ready", capabilities: ["IMAP4REV1", "LOGINDISABLED", "IDLE"], starttlsOffered: false)
    }
}
