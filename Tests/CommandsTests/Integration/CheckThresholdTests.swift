import Foundation
import Testing

/// `imapwatch check` against the real test Dovecot: WARNING and CRITICAL from thresholds on a healthy server.
extension CLIIntegrationTests {
    @Suite("check against the test Dovecot: thresholds", .serialized)
    struct CheckThresholdTests {
        static let facts = "login \(Pattern.seconds), select \(Pattern.seconds), cert \(Pattern.days), quota \(Pattern.percent)"

        @Test("the certificate expiring in 10 days: WARNING with --cert-warning 20 --cert-critical 5")
        func soonCertificateWarning() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(host: env.soonHost, port: env.imapsPort)
                    + ["--cert-warning", "20", "--cert-critical", "5"])
            let line = try Expect.statusLine(
                outcome, code: 1,
                summary: "IMAP WARNING - \(env.imapsPort)/tls certificate expires in ([5-9]|1[0-9]) days \\(warning below 20\\); "
                    + "greeting \(Pattern.seconds), cert ([5-9]|1[0-9])d")
            #expect((5...10).contains(line.value("cert_days") ?? -1), "10 days at start, minus the time since")
            #expect(line.token("cert_days")?.hasSuffix(";20:;5:") == true)
        }

        @Test("the certificate expiring in 10 days: CRITICAL under the default --cert-critical 10, with login")
        func soonCertificateCritical() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(host: env.soonHost, port: env.imapsPort) + env.login)
            let line = try Expect.statusLine(
                outcome, code: 2,
                summary: "IMAP CRITICAL - \(env.imapsPort)/tls certificate expires in [0-9] days \\(critical below 10\\); "
                    + Self.facts)
            #expect((0...9).contains(line.value("cert_days") ?? -1))
            #expect(line.token("cert_days")?.hasSuffix(";20:;10:") == true)
        }

        @Test("--phase-warning login=0:0.000001: WARNING naming the phase and its range")
        func phaseWarning() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapPort) + env.login + ["--phase-warning", "login=0:0.000001"])
            let line = try Expect.statusLine(
                outcome, code: 1,
                summary: "IMAP WARNING - \(env.imapPort)/starttls login \(Pattern.seconds) \\(warning range 0:0\\.000001\\); "
                    + Self.facts)
            #expect(line.token("login")?.wholeMatch(of: /'login'=[0-9.]+s;0:0\.000001;;0/) != nil, "\(line.token("login") ?? "")")
            #expect(line.token("select")?.hasSuffix("s;;;0") == true)
        }

        @Test("--phase-critical login=0:0.000001 wins over a passing --phase-warning")
        func phaseCritical() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapPort) + env.login
                    + ["--phase-warning", "login=5", "--phase-critical", "login=0:0.000001"])
            let line = try Expect.statusLine(
                outcome, code: 2,
                summary: "IMAP CRITICAL - \(env.imapPort)/starttls login \(Pattern.seconds) "
                    + "\\(critical range 0:0\\.000001\\); " + Self.facts)
            #expect(line.token("login")?.wholeMatch(of: /'login'=[0-9.]+s;5;0:0\.000001;0/) != nil)
        }

        @Test("-c 0:0.000001 on the total: CRITICAL")
        func totalCritical() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapsPort) + env.login + ["-w", "5", "-c", "0:0.000001"])
            let line = try Expect.statusLine(
                outcome, code: 2,
                summary: "IMAP CRITICAL - \(env.imapsPort)/tls total \(Pattern.seconds) \\(critical range 0:0\\.000001\\); "
                    + Self.facts)
            #expect(line.token("total")?.wholeMatch(of: /'total'=[0-9.]+s;5;0:0\.000001;0/) != nil)
        }

        @Test("--quota-warning 0.1: WARNING naming the fullest resource (usage is 0.3 % of messages, 0.18 % of storage)")
        func quotaWarning() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapPort) + env.login + ["--quota-warning", "0.1"])
            let root = Expect.literal(env.quotaRoot)
            let line = try Expect.statusLine(
                outcome, code: 1,
                summary: "IMAP WARNING - \(env.imapPort)/starttls quota '\(root)' MESSAGE 0\\.3% used "
                    + "\\(warning above 0\\.1%\\); login \(Pattern.seconds), select \(Pattern.seconds), "
                    + "cert \(Pattern.days), quota 0\\.3%")
            #expect(line.token("quota_\(env.quotaRoot)_storage") == "'quota_\(env.quotaRoot)_storage'=0.175781%;0.1;90;0;100")
        }

        @Test("--quota-critical 0.2: CRITICAL")
        func quotaCritical() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapPort) + env.login + ["--quota-warning", "0.1", "--quota-critical", "0.2"])
            _ = try Expect.statusLine(
                outcome, code: 2,
                summary: "IMAP CRITICAL - \(env.imapPort)/starttls quota '\(Expect.literal(env.quotaRoot))' MESSAGE 0\\.3% used "
                    + "\\(critical above 0\\.2%\\); " + Self.facts)
        }
    }
}
