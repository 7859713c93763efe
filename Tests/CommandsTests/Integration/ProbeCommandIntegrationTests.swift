import Foundation
import Testing

/// `imapwatch probe` against the real test Dovecot: the waterfall, the redacted transcript, and `--json`.
extension CLIIntegrationTests {
    @Suite("probe against the test Dovecot", .serialized)
    struct ProbeCommandIntegrationTests {
        static let phaseNames = [
            "resolve", "connect", "tls_handshake", "greeting", "capability", "starttls", "capability_after_tls", "login",
            "select", "fetch", "quota", "logout",
        ]

        @Test("--transcript: a waterfall row per phase, C:/S: lines, <redacted>, and the password nowhere")
        func transcript() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(["probe"] + env.target(port: env.imapPort) + env.login + ["--transcript"])
            #expect(outcome.code == 0, "\(outcome.everything)")
            #expect(outcome.standardError.isEmpty, "\(outcome.standardError)")
            #expect(!outcome.standardOutput.contains(env.password))
            #expect(!outcome.standardError.contains(env.password))
            let lines = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first?.wholeMatch(of: try Regex(
                "\(Expect.literal(env.host)):\(env.imapPort) \\(starttls\\) OK in [0-9]+\\.[0-9] ms")) != nil,
                "headline: \(lines.first ?? "")")

            let header = try #require(lines.firstIndex { $0.hasPrefix("phase ") })
            #expect(lines[header] == "phase                  start ms   took ms", "header: \(lines[header])")
            let rows = Array(lines[(header + 1)...].prefix(Self.phaseNames.count))
            #expect(rows.count == Self.phaseNames.count)
            var barWidth: Int?
            for (row, phase) in zip(rows, Self.phaseNames) {
                // Fixed columns: name (21), start (10, right-aligned), took (10, right-aligned), two spaces, bar.
                guard let match = row.wholeMatch(of: /(.{21})(.{10})(.{10})  (.+)/) else {
                    Issue.record("row not in columns: \(row)")
                    continue
                }
                #expect(match.1.trimmingCharacters(in: .whitespaces) == phase, "row: \(row)")
                let isSkipped = phase == "tls_handshake" || phase == "capability"
                if isSkipped {
                    #expect(match.2 == "         -" && match.3 == "         -", "row: \(row)")
                    #expect(match.4.wholeMatch(of: /skipped \((not_applicable|already_known)\)/) != nil, "row: \(row)")
                } else {
                    #expect(match.2.wholeMatch(of: /\ *[0-9]+\.[0-9]/) != nil, "start: \(row)")
                    #expect(match.3.wholeMatch(of: /\ *[0-9]+\.[0-9]/) != nil, "took: \(row)")
                    #expect(match.4.wholeMatch(of: try Regex("░*█+░*")) != nil, "bar: \(row)")
                    #expect(barWidth == nil || barWidth == match.4.count, "bars of one width: \(row)")
                    barWidth = match.4.count
                }
            }

            let transcript = try #require(lines.firstIndex(of: "transcript:"))
            let conversation = lines[(transcript + 1)...].filter { !$0.isEmpty }
            #expect(conversation.contains { $0.hasPrefix("S: * OK ") })
            #expect(conversation.contains { $0.hasPrefix("C: ") && $0.hasSuffix(" STARTTLS") })
            let auth = try #require(conversation.first { $0.hasPrefix("C: ") && ($0.contains(" AUTHENTICATE ") || $0.contains(" LOGIN ")) })
            #expect(auth.hasSuffix("<redacted>"), "\(auth)")
            #expect(conversation.contains { $0.hasPrefix("C: ") && $0.hasSuffix(" EXAMINE INBOX") })
            #expect(conversation.contains { $0.hasPrefix("C: ") && $0.contains(" GETQUOTAROOT INBOX") })
            #expect(conversation.contains { $0.hasPrefix("C: ") && $0.hasSuffix(" LOGOUT") })
            #expect(conversation.allSatisfy { $0.hasPrefix("C: ") || $0.hasPrefix("S: ") || $0.hasPrefix("*: ") })
        }

        @Test("--transcript with LOGIN: the password argument is redacted too", arguments: ["login", "plain"])
        func transcriptPerMechanism(mechanism: String) async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["probe"] + env.target(port: env.imapsPort) + env.login + ["--auth", mechanism, "--transcript", "--json"])
            #expect(outcome.code == 0, "\(outcome.everything)")
            #expect(!outcome.everything.contains(env.password))
            #expect(outcome.standardOutput.contains("<redacted>"))
        }

        @Test("--json: parses, lists every phase, and its quota equals what check reports")
        func json() async throws {
            guard let env = TestDovecot.require() else { return }
            let probe = try await ImapwatchProcess.run(["probe"] + env.target(port: env.imapsPort) + env.login + ["--json"])
            #expect(probe.code == 0, "\(probe.everything)")
            #expect(!probe.everything.contains(env.password))
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(probe.standardOutput.utf8)) as? [String: Any])
            #expect(object["success"] as? Bool == true)
            #expect(object["port"] as? Int == env.imapsPort)
            #expect(object["tlsMode"] as? String == "implicit")
            let phases = try #require(object["phases"] as? [[String: Any]])
            #expect(phases.map { $0["phase"] as? String } == Self.phaseNames)
            for phase in phases {
                let name = phase["phase"] as? String ?? ""
                let skipped = ["capability", "starttls", "capability_after_tls"].contains(name)
                #expect(phase["status"] as? String == (skipped ? "skipped" : "succeeded"), "\(phase)")
                if !skipped { #expect((phase["seconds"] as? Double ?? 0) > 0, "\(phase)") }
            }
            let quota = try #require(object["quota"] as? [[String: Any]])
            let storage = try #require(quota.first { $0["resource"] as? String == "STORAGE" })
            let messages = try #require(quota.first { $0["resource"] as? String == "MESSAGE" })
            #expect(storage["root"] as? String == env.quotaRoot)
            #expect(storage["unit"] as? String == "bytes")

            let check = try await ImapwatchProcess.run(["check"] + env.target(port: env.imapsPort) + env.login)
            #expect(check.code == 0, "\(check.everything)")
            let line = StatusLine(check.statusLine)
            let root = env.quotaRoot
            #expect(line.value("quota_\(root)_storage_used") == (storage["usage"] as? Double))
            #expect(line.value("quota_\(root)_message_used") == (messages["usage"] as? Double))
            #expect(line.token("quota_\(root)_storage_used")?.hasSuffix(";;;0;\(storage["limit"] as? Int ?? -1)") == true)
            #expect(line.token("quota_\(root)_message_used")?.hasSuffix(";;;0;\(messages["limit"] as? Int ?? -1)") == true)
            let percent = try #require(storage["percentUsed"] as? Double)
            #expect(abs((line.value("quota_\(root)_storage") ?? -1) - percent) < 0.000001)
            #expect(storage["usage"] as? Int == 18_432)
            #expect(messages["usage"] as? Int == 3)
        }

        @Test("a failed probe: the headline says FAILED with the reason, the row is marked, exit 2")
        func failure() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(["probe"] + env.target(host: env.untrustedHost, port: env.imapsPort))
            #expect(outcome.code == 2)
            let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.first?.wholeMatch(of: try Regex(
                "\(Expect.literal(env.untrustedHost)):\(env.imapsPort) \\(implicit\\) FAILED in [0-9]+\\.[0-9] ms: "
                    + "tls_handshake failed: certificate_untrusted \\(certificate verification failed: self-signed certificate\\)")) != nil,
                "headline: \(lines.first ?? "")")
            #expect(lines.contains { $0.hasPrefix("tls_handshake ") && $0.hasSuffix("  FAILED certificate_untrusted") })
            #expect(lines.contains("greeting                      -         -  skipped (not_reached)"))
            #expect(lines.contains("verification: NOT verified: self-signed certificate (code 18)"))
        }
    }
}
