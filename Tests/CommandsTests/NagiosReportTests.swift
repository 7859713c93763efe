import Commands
import Config
import Prober
import Testing

@Suite("NagiosReport")
struct NagiosReportTests {
    func report(
        _ result: ProbeResult, _ thresholds: HealthThresholds = HealthThresholds(), secrets: [Secret] = []
    ) -> NagiosReport {
        let assessment = HealthEvaluator().evaluate(result, thresholds: thresholds, now: Fixture.now)
        return NagiosReport(result: result, assessment: assessment, thresholds: thresholds, secrets: secrets)
    }

    static let okPerfdata =
        "'resolve'=0.0001s;;;0 'connect'=0.0004s;;;0 'tls_handshake'=0.003s;;;0 'greeting'=0.001s;;;0 "
        + "'login'=0.041s;;;0 'select'=0.003s;;;0 'fetch'=0.002s;;;0 'quota'=0.0015s;;;0 'logout'=0.0005s;;;0 "
        + "'total'=0.0525s;;;0 'cert_days'=62;20:;10: "
        + "'quota_User quota_storage'=41%;80;90;0;100 'quota_User quota_storage_used'=41984B;;;0;102400 "
        + "'quota_User quota_message'=0.5%;80;90;0;100 'quota_User quota_message_used'=5;;;0;1000"

    @Test("OK: exact status line and perfdata, exit 0")
    func ok() {
        let report = report(Fixture.success())
        #expect(report.statusLine == "IMAP OK - 993/tls login 0.041s, select 0.003s, cert 62d, quota 41% | " + Self.okPerfdata)
        #expect(report.exitCode == 0)
    }

    @Test("WARNING: the problem comes first, the numbers follow, exit 1")
    func warning() {
        let report = report(Fixture.success(certificateDays: 15.2))
        #expect(
            report.statusLine.hasPrefix(
                "IMAP WARNING - 993/tls certificate expires in 15 days (warning below 20); "
                    + "login 0.041s, select 0.003s, cert 15d, quota 41% | 'resolve'="))
        #expect(report.statusLine.contains(" 'cert_days'=15;20:;10: "))
        #expect(report.exitCode == 1)
    }

    @Test("CRITICAL: failed login on 143 with phase, code and server text, exit 2")
    func critical() {
        let report = report(Fixture.authFailure())
        #expect(
            report.statusLine
                == "IMAP CRITICAL - 143/starttls login failed: auth_failed (NO [AUTHENTICATIONFAILED] Authentication "
                + "failed.) | 'resolve'=0.001s;;;0 'connect'=0.001s;;;0 'greeting'=0.001s;;;0 'capability'=0.001s;;;0 "
                + "'starttls'=0.001s;;;0 'capability_after_tls'=0.001s;;;0 'login'=0.005s;;;0 'total'=0.011s;;;0")
        #expect(report.exitCode == 2)
    }

    @Test("CRITICAL, not UNKNOWN, for resolution failures and timeouts", arguments: [
        (ProbeFailure.Code.resolveFailed, Phase.resolve), (.timeout, .greeting), (.connectTimeout, .connect),
    ])
    func resolutionAndTimeoutAreCritical(code: ProbeFailure.Code, phase: Phase) {
        let report = report(Fixture.failure(code, in: phase))
        #expect(report.exitCode == 2)
        #expect(report.statusLine.hasPrefix("IMAP CRITICAL - 143/starttls \(phase.rawValue) failed: \(code.rawValue) "))
    }

    @Test("UNKNOWN: the probe's internal error, and argument problems, exit 3")
    func unknown() {
        let report = report(Fixture.failure(.internalError, in: .connect))
        #expect(
            report.statusLine
                == "IMAP UNKNOWN - 143/starttls connect failed: internal_error (the probe failed) | "
                + "'resolve'=0.001s;;;0 'connect'=0.005s;;;0 'total'=0.006s;;;0")
        #expect(report.exitCode == 3)
        #expect(NagiosReport.unknown("bad\r\nthing | x") == "IMAP UNKNOWN - bad thing / x")
    }

    @Test("the status line's quota keeps one decimal, rounded down like the quota finding", arguments: [
        (UInt64(3), UInt64(1000), "quota 0.3%"), (0, 1000, "quota 0%"), (999, 1000, "quota 99.9%"),
        (410, 1000, "quota 41%"), (29, 100, "quota 29%"), (57, 100, "quota 57%"), (11, 1000, "quota 1.1%"),
    ])
    func quotaDecimals(messages: UInt64, limit: UInt64, expected: String) {
        var result = Fixture.success()
        result.quota = [
            QuotaFacts(root: "User quota", resources: [.init(name: "MESSAGE", usage: messages, limit: limit, unit: .messages)])
        ]
        #expect(report(result).statusLine.contains(", cert 62d, \(expected) | "), "\(report(result).statusLine)")
    }

    @Test("thresholds fill warn/crit with the range text as given")
    func thresholdFields() throws {
        let thresholds = HealthThresholds(
            totalWarning: try ThresholdRange(parsing: "@0.05:0.06"), totalCritical: try ThresholdRange(parsing: "1"),
            phaseWarning: [.login: try ThresholdRange(parsing: "~:0.04")])
        let report = report(Fixture.success(), thresholds)
        #expect(report.statusLine.contains(" 'login'=0.041s;~:0.04;;0 "))
        #expect(report.statusLine.contains(" 'total'=0.0525s;@0.05:0.06;1;0 "))
        #expect(report.exitCode == 1)
        #expect(report.statusLine.hasPrefix("IMAP WARNING - 993/tls total 0.053s (warning range @0.05:0.06); login 0.041s (warning range ~:0.04); login"))
    }

    @Test("every perfdata token follows the grammar", arguments: [
        Fixture.success(), Fixture.success(certificateDays: -3.5), Fixture.authFailure(),
        Fixture.failure(.timeout, in: .quota),
    ])
    func grammar(result: ProbeResult) throws {
        let thresholds = HealthThresholds(
            totalWarning: try ThresholdRange(parsing: "10:20"), phaseCritical: [.connect: try ThresholdRange(parsing: "@-1.5:2")])
        let line = report(result, thresholds).statusLine
        let parts = line.split(separator: " | ", maxSplits: 1)
        #expect(parts.count == 2)
        let tokens = PerfdataGrammar.tokens(String(parts.last ?? ""))
        #expect(tokens.count >= 2)
        for token in tokens {
            #expect(PerfdataGrammar.isValid(token), "bad perfdata token: \(token)")
        }
    }

    @Test("the grammar check itself rejects malformed tokens", arguments: [
        "'a'=1.1234567s", "a=1", "'a'=1e3", "'a'=1s;;;;;", "'a'=1XB", "'a=b'=1", "'it's'=1",
    ])
    func grammarRejects(token: String) {
        #expect(!PerfdataGrammar.isValid(token))
    }

    @Test("labels: quotes doubled, '=' replaced, negative cert days")
    func labelEscaping() {
        var result = Fixture.success(certificateDays: -3.5)
        result.quota = [
            QuotaFacts(root: "Bob's=box", resources: [.init(name: "STORAGE", usage: 10, limit: 0, unit: .bytes)])
        ]
        let line = report(result).statusLine
        #expect(line.contains(" 'quota_Bob''s_box_storage_used'=10B;;;0"))
        #expect(line.hasSuffix("'quota_Bob''s_box_storage_used'=10B;;;0"))
        #expect(line.contains(" 'cert_days'=-4;20:;10: "))
        #expect(line.hasPrefix("IMAP CRITICAL - 993/tls certificate expired 4 days ago; "))
        #expect(PerfdataGrammar.isValid("'quota_Bob''s_box_storage_used'=10B;;;0"))
    }

    @Test("status line stays one line and never shows the secret, even if the server echoes it")
    func oneLineNoCredential() {
        let echoed = Fixture.authFailure(serverText: "NO bad password \(Fixture.password)\r\nsecond line")
        let report = report(echoed, secrets: [Secret(Fixture.password)])
        let output = report.render(verbose: true)
        #expect(!output.contains(Fixture.password))
        #expect(report.statusLine.contains("NO bad password <redacted> second line"))
        #expect(!report.statusLine.contains("\n") && !report.statusLine.contains("\r"))
    }

    @Test("-v long output: phases, connection, TLS, certificate, quota, mailbox")
    func longOutput() {
        let lines = report(Fixture.success()).longOutput
        #expect(lines.contains("resolve: ok 0.100 ms"))
        #expect(lines.contains("quota: ok 1.500 ms"))
        #expect(lines.contains("login: ok 41.000 ms"))
        #expect(lines.contains("capability: skipped (already_known)"))
        #expect(lines.contains("connection: 192.0.2.10:993 (resolved: 192.0.2.10, 2001:db8::10)"))
        #expect(lines.contains("tls: TLSv1.3 TLS_AES_256_GCM_SHA384, certificate verified"))
        #expect(lines.contains("certificate: subject CN=imap.example.org; issuer CN=Example CA,O=Example; notAfter 2027-03-18T20:00:00Z"))
        #expect(lines.contains("quota 'User quota' STORAGE: 41.0 KiB of 100.0 KiB (41%)"))
        #expect(lines.contains("quota 'User quota' MESSAGE: 5 of 1000 (0.5%)"))
        #expect(lines.contains("mailbox INBOX: EXISTS 12, UIDVALIDITY 1700000000"))
        let failed = report(Fixture.authFailure()).longOutput
        #expect(failed.contains("login: FAILED after 5.000 ms: auth_failed (NO [AUTHENTICATIONFAILED] Authentication failed.)"))
        #expect(failed.contains("select: skipped (not_reached)"))
        #expect(report(Fixture.success()).render(verbose: false).split(separator: "\n").count == 1)
        #expect(lines.contains { $0.hasPrefix("certificate chain: earliest notAfter ") && $0.hasSuffix(" (62 days left)") })
        let expired = report(Fixture.success(certificateDays: -3.5)).longOutput
        #expect(expired.contains { $0.hasPrefix("certificate chain: ") && $0.hasSuffix(" (expired 4 days ago)") })
    }

    @Test("-v shows control characters in certificate names as \\u{..}, and quota roots past the caps as a count")
    func longOutputOfAHostileServer() throws {
        var result = Fixture.success()
        var leaf = try #require(result.tls?.leaf)
        leaf.subject = "CN=a\u{1B}[2J\r\nb\u{202E}"
        leaf.issuer = "CN=\u{0}c"
        result.tls?.leaf = leaf
        result.quotaRootsDropped = 1
        result.quotaResourcesDropped = 3
        let lines = report(result).longOutput
        #expect(lines.contains { $0.hasPrefix(#"certificate: subject CN=a\u{1B}[2J\u{D}\u{A}b\u{202E}; issuer CN=\u{0}c; "#) })
        #expect(lines.contains("quota: 1 more root and 3 more resources not kept (at most 16 roots of 8 resources each)"))
        #expect(!report(Fixture.success()).longOutput.contains { $0.contains("not kept") })
    }

    @Test("a perfdata label from a quota root has no bidirectional override either")
    func perfdataLabelWithoutBidiOverride() {
        #expect(Perfdatum(label: "quota_a\u{202E}b\u{1B}c", value: 1).description == "'quota_a_b_c'=1")
    }

    @Test("perfdata numbers: at most 6 decimals, no exponent, no trailing zeros")
    func numbers() {
        #expect(Perfdatum(label: "a", value: 0.00000049, unit: "s").description == "'a'=0s")
        #expect(Perfdatum(label: "a", value: 1.23456789, unit: "s").description == "'a'=1.234568s")
        #expect(Perfdatum(label: "a", value: 1e12, unit: "B").description == "'a'=1000000000000B")
        #expect(Perfdatum(label: "a", value: -2.5, minimum: 0).description == "'a'=-2.5;;;0")
    }
}
