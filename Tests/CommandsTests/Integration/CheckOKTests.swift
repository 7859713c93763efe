import Foundation
import Testing

/// `imapwatch check` against the real test Dovecot: the OK cases, their perfdata, `-v` and the password sources.
extension CLIIntegrationTests {
    @Suite("check against the test Dovecot: OK", .serialized)
    struct CheckOKTests {
        /// The phases a full login probe runs over STARTTLS and over implicit TLS, in order.
        static let startTLSPhases = [
            "resolve", "connect", "greeting", "starttls", "capability_after_tls", "login", "select", "fetch", "quota", "logout",
        ]
        static let implicitPhases = ["resolve", "connect", "tls_handshake", "greeting", "login", "select", "fetch", "quota", "logout"]

        static func okSummary(port: Int, mode: String) -> String {
            "IMAP OK - \(port)/\(mode) login \(Pattern.seconds), select \(Pattern.seconds), cert \(Pattern.days), "
                + "quota \(Pattern.percent)"
        }

        /// Perfdata of a full login probe: the phases that ran, total, cert days, then the quota of the seeded user.
        func expectFullPerfdata(_ line: StatusLine, phases: [String], env: TestDovecot) {
            #expect(line.phaseLabels == phases)
            let root = env.quotaRoot
            #expect(
                line.labels == phases + [
                    "total", "cert_days", "quota_\(root)_storage", "quota_\(root)_storage_used", "quota_\(root)_message",
                    "quota_\(root)_message_used",
                ])
            for phase in phases {
                let seconds = line.value(phase) ?? -1
                #expect(seconds > 0 && seconds < 10, "\(phase)=\(seconds)")
                #expect(line.token(phase)?.hasSuffix("s;;;0") == true, "\(line.token(phase) ?? phase)")
            }
            let total = line.value("total") ?? 0
            #expect(total >= phases.compactMap { line.value($0) }.reduce(0, +) * 0.999)
            #expect((300...366).contains(line.value("cert_days") ?? 0))
            #expect(line.token("cert_days")?.hasSuffix(";20:;10:") == true)
            // 18 KiB of 10 MiB; 3 of 1000 messages.
            #expect(line.token("quota_\(root)_storage_used") == "'quota_\(root)_storage_used'=18432B;;;0;10485760")
            #expect(line.token("quota_\(root)_message_used") == "'quota_\(root)_message_used'=3;;;0;1000")
            #expect(line.token("quota_\(root)_storage") == "'quota_\(root)_storage'=0.175781%;80;90;0;100")
            #expect(line.token("quota_\(root)_message") == "'quota_\(root)_message'=0.3%;80;90;0;100")
        }

        @Test("OK on the STARTTLS port with login: status line shape, perfdata per phase that ran, exit 0")
        func startTLSWithLogin() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(["check"] + env.target(port: env.imapPort) + env.login)
            let line = try Expect.statusLine(outcome, code: 0, summary: Self.okSummary(port: env.imapPort, mode: "starttls"))
            expectFullPerfdata(line, phases: Self.startTLSPhases, env: env)
            #expect(line.summary.hasSuffix("quota 0.3%"), "the fullest resource (MESSAGE 0.3 %), not rounded to 0")
            #expect(outcome.standardOutput.split(separator: "\n").count == 1, "one line without -v")
        }

        @Test("OK on the IMAPS port with --tls implicit")
        func implicitWithLogin() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(["check"] + env.target(port: env.imapsPort) + env.login)
            let line = try Expect.statusLine(outcome, code: 0, summary: Self.okSummary(port: env.imapsPort, mode: "tls"))
            expectFullPerfdata(line, phases: Self.implicitPhases, env: env)
        }

        @Test("OK without -u: no login, select, fetch or quota perfdata", arguments: ["starttls", "tls"])
        func withoutLogin(mode: String) async throws {
            guard let env = TestDovecot.require() else { return }
            let port = mode == "tls" ? env.imapsPort : env.imapPort
            let outcome = try await ImapwatchProcess.run(["check"] + env.target(port: port))
            let line = try Expect.statusLine(
                outcome, code: 0, summary: "IMAP OK - \(port)/\(mode) greeting \(Pattern.seconds), cert \(Pattern.days)")
            let handshake = mode == "tls" ? ["tls_handshake", "greeting"] : ["greeting", "starttls", "capability_after_tls"]
            #expect(line.phaseLabels == ["resolve", "connect"] + handshake + ["logout"])
            #expect(line.labels == line.phaseLabels + ["total", "cert_days"])
            #expect(!line.labels.contains { $0.hasPrefix("quota") || ["login", "select", "fetch"].contains($0) })
        }

        @Test("OK for an empty mailbox: fetch skipped, so no fetch perfdata; quota 0")
        func emptyMailbox() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapPort) + ["-u", env.emptyUser, "--password-file", env.emptyPasswordFile])
            let line = try Expect.statusLine(
                outcome, code: 0,
                summary: "IMAP OK - \(env.imapPort)/starttls login \(Pattern.seconds), select \(Pattern.seconds), "
                    + "cert \(Pattern.days), quota 0%")
            #expect(line.phaseLabels == Self.startTLSPhases.filter { $0 != "fetch" })
            #expect(line.value("quota_\(env.quotaRoot)_storage_used") == 0)
        }

        @Test("IMAPWATCH_PASSWORD instead of --password-file logs in")
        func passwordFromEnvironment() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapPort) + ["-u", env.user],
                environment: ["IMAPWATCH_PASSWORD": env.password])
            let line = try Expect.statusLine(outcome, code: 0, summary: Self.okSummary(port: env.imapPort, mode: "starttls"))
            #expect(line.phaseLabels == Self.startTLSPhases)
            #expect(!outcome.everything.contains(env.password))
        }

        @Test("-v: one line per phase, then certificate, quota and mailbox lines")
        func longOutput() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(["check"] + env.target(port: env.imapPort) + env.login + ["-v"])
            let line = try Expect.statusLine(outcome, code: 0, summary: Self.okSummary(port: env.imapPort, mode: "starttls"))
            let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
            let phaseNames = ["resolve", "connect", "tls_handshake", "greeting", "capability", "starttls",
                "capability_after_tls", "login", "select", "fetch", "quota", "logout"]
            #expect(lines.count > 1 + phaseNames.count)
            // The phase lines come right after the status line, in order, each saying what happened.
            for (index, phase) in phaseNames.enumerated() where index + 1 < lines.count {
                let text = lines[index + 1]
                let ran = line.phaseLabels.contains(phase)
                let pattern = ran
                    ? "\(phase): ok [0-9]+\\.[0-9]{3} ms" : "\(phase): skipped \\((not_applicable|already_known)\\)"
                #expect(text.wholeMatch(of: try Regex(pattern)) != nil, "line \(index + 1): \(text)")
            }
            let rest = lines.dropFirst(1 + phaseNames.count)
            #expect(rest.contains { $0.hasPrefix("certificate: subject ") && $0.contains("CN=imap.example.test") })
            #expect(rest.contains { $0.wholeMatch(of: /certificate chain: earliest notAfter \S+Z \([0-9]+ days left\)/) != nil })
            #expect(rest.contains { $0.hasPrefix("tls: TLSv1.") && $0.hasSuffix(", certificate verified") })
            #expect(rest.contains("quota '\(env.quotaRoot)' STORAGE: 18.0 KiB of 10.0 MiB (0.1%)"))
            #expect(rest.contains("quota '\(env.quotaRoot)' MESSAGE: 3 of 1000 (0.3%)"))
            #expect(rest.contains { $0.hasPrefix("mailbox INBOX: EXISTS 3, UIDVALIDITY ") })
            #expect(!outcome.standardOutput.dropFirst(outcome.statusLine.count).contains("|"), "no | in long output")
        }
    }
}
