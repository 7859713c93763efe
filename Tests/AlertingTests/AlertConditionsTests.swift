import Config
import Prober
import Testing
import Transport

@testable import Alerting

/// The built-in conditions read off real-looking results: what each observes, `ok` included so alerts resolve,
/// and nothing for what the probe could not see.
@Suite struct AlertConditionsTests {
    static let now = 1_795_795_428.0
    static let day = 86_400.0

    static func certificate(daysLeft: Double) -> CertificateFacts {
        let notAfter = Int64(now + daysLeft * day)
        return CertificateFacts(
            subject: "CN=imap.example.org", issuer: "CN=CA", subjectAlternativeNames: ["imap.example.org"],
            notBefore: notAfter - 90 * 86_400, notAfter: notAfter, sha256Fingerprint: "AB")
    }

    static func tls(daysLeft: Double = 60, verified: Bool = true, version: String = "TLSv1.3") -> TLSSessionFacts {
        let leaf = certificate(daysLeft: daysLeft)
        return TLSSessionFacts(
            protocolVersion: version, cipher: "TLS_AES_256_GCM_SHA384",
            verification: verified
                ? CertificateVerification(code: 0, reason: "ok")
                : CertificateVerification(code: 18, reason: "self-signed certificate"),
            leaf: leaf, presentedChain: [leaf], verifiedChain: verified ? [leaf] : [])
    }

    static func phases(login: Duration = .milliseconds(20)) -> [PhaseRecord] {
        Phase.probe.map { phase in
            PhaseRecord(phase: phase, outcome: phase == .login ? .succeeded(login) : .succeeded(.milliseconds(1)))
        }
    }

    static func success(
        mode: TLSMode = .implicit, tls: TLSSessionFacts? = tls(), quotaUsed: UInt64 = 100, login: Duration = .milliseconds(20),
        capabilities: [String] = ["IMAP4REV1"], starttlsOffered: Bool? = nil
    ) -> ProbeResult {
        ProbeResult(
            host: "imap.example.org", port: 993, tlsMode: mode, startedAt: now, phases: phases(login: login),
            totalDuration: .milliseconds(40), tls: tls, capabilities: capabilities, starttlsOffered: starttlsOffered,
            quota: [QuotaFacts(root: "User quota", resources: [.init(name: "STORAGE", usage: quotaUsed, limit: 1000, unit: .bytes)])])
    }

    func levels(_ result: ProbeResult, _ thresholds: HealthThresholds = HealthThresholds(), security: SecurityExpectations = SecurityExpectations())
        -> [String: AlertLevel]
    {
        Dictionary(
            uniqueKeysWithValues: AlertConditions.observe(result, thresholds: thresholds, security: security, now: Self.now)
                .map { ($0.condition, $0.level) })
    }

    @Test func aHealthyProbeObservesOKForEverythingItCouldJudge() {
        #expect(levels(Self.success()) == [
            "probe_failing": .ok, "certificate_expiring": .ok, "certificate_unverified": .ok, "quota_high": .ok,
        ])
    }

    @Test func thresholdsGiveWarningAndCritical() {
        #expect(levels(Self.success(tls: Self.tls(daysLeft: 15)))["certificate_expiring"] == .warning)
        #expect(levels(Self.success(tls: Self.tls(daysLeft: 3)))["certificate_expiring"] == .critical)
        #expect(levels(Self.success(quotaUsed: 850))["quota_high"] == .warning)
        #expect(levels(Self.success(quotaUsed: 950))["quota_high"] == .critical)
        #expect(levels(Self.success(tls: Self.tls(verified: false)))["certificate_unverified"] == .warning)
    }

    @Test func slowPhasesOnlyWhereAThresholdIsSet() throws {
        let thresholds = HealthThresholds(
            phaseWarning: [.login: try ThresholdRange(parsing: "2")],
            phaseCritical: [.login: try ThresholdRange(parsing: "4")])
        let fast = levels(Self.success(), thresholds)
        #expect(fast["slow_login"] == .ok)
        #expect(fast["slow_select"] == nil)
        #expect(levels(Self.success(login: .seconds(3)), thresholds)["slow_login"] == .warning)
        #expect(levels(Self.success(login: .seconds(5)), thresholds)["slow_login"] == .critical)
    }

    @Test func aFailedConnectObservesTheFailureAndNothingItCouldNotSee() {
        let failure = ProbeFailure(code: .connectRefused, phase: .connect, message: "connection refused")
        let result = ProbeResult(
            host: "imap.example.org", port: 993, tlsMode: .implicit, startedAt: Self.now,
            phases: [PhaseRecord(phase: .connect, outcome: .failed(.milliseconds(1), failure))],
            totalDuration: .milliseconds(1), failure: failure)
        let observations = AlertConditions.observe(result, thresholds: HealthThresholds(), now: Self.now)
        #expect(observations == [
            ConditionObservation(condition: "probe_failing", level: .critical, summary: "connect failed: connect_refused (connection refused)")
        ])
    }

    @Test func securityFindings() {
        #expect(levels(Self.success(mode: .starttls, starttlsOffered: false))["starttls_not_offered"] == .critical)
        #expect(levels(Self.success(mode: .starttls, starttlsOffered: true))["starttls_not_offered"] == .ok)
        #expect(levels(Self.success())["starttls_not_offered"] == nil)
        let minimum = SecurityExpectations(minimumTLSVersion: "1.2")
        #expect(levels(Self.success(tls: Self.tls(version: "TLSv1.1")), security: minimum)["tls_version_low"] == .warning)
        #expect(levels(Self.success(tls: Self.tls(version: "TLSv1.2")), security: minimum)["tls_version_low"] == .ok)
        #expect(levels(Self.success(tls: Self.tls(version: "TLSv1.1")))["tls_version_low"] == nil)
        #expect(levels(Self.success(mode: .none, tls: nil, capabilities: ["IMAP4REV1", "AUTH=PLAIN"]))["logindisabled_absent"] == .warning)
        #expect(levels(Self.success(mode: .none, tls: nil, capabilities: ["IMAP4REV1", "LOGINDISABLED"]))["logindisabled_absent"] == .ok)
    }
}

extension AlertConditionsTests {
    @Test func slowTotalOnlyWithAThresholdAndNotForAFailedProbe() throws {
        let thresholds = HealthThresholds(totalWarning: try ThresholdRange(parsing: "0.01"))
        #expect(levels(Self.success(), thresholds)["slow_total"] == .warning)
        #expect(levels(Self.success())["slow_total"] == nil)
    }
}

extension AlertConditionsTests {
    @Test func aFailedPhaseIsNotAlsoSlow() throws {
        let failure = ProbeFailure(code: .timeout, phase: .login, message: "no answer")
        let result = ProbeResult(
            host: "imap.example.org", port: 993, tlsMode: .implicit, startedAt: Self.now,
            phases: [
                PhaseRecord(phase: .connect, outcome: .succeeded(.seconds(3))),
                PhaseRecord(phase: .login, outcome: .failed(.seconds(10), failure)),
            ],
            totalDuration: .seconds(13), failure: failure)
        let thresholds = HealthThresholds(
            phaseWarning: [.login: try ThresholdRange(parsing: "2"), .connect: try ThresholdRange(parsing: "2")])
        let observed = levels(result, thresholds)
        #expect(observed["slow_login"] == nil)
        #expect(observed["slow_connect"] == .warning)
        #expect(observed["probe_failing"] == .critical)
    }
}
