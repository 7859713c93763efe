import Foundation
import Testing
import TestSupport

/// `check --mailflow` and `probe --mailflow` against the real test bed: Postfix delivering into the test Dovecot.
extension CLIIntegrationTests {
    @Suite("--mailflow against Postfix and Dovecot", .serialized)
    struct MailFlowCommandTests {
        /// The mailbox (the flow user on the test Dovecot's STARTTLS port) and the submission (the test MTA).
        static func arguments(_ dovecot: DovecotTestEnvironment, _ mta: MTATestEnvironment, to: String? = nil) -> [String] {
            let passwordFile = ProcessInfo.processInfo.environment["IMAPWATCH_TEST_FLOW_PASSWORD_FILE"] ?? ""
            return [
                "--mailflow", "-H", dovecot.host, "-p", String(dovecot.imapPort), "--sni", dovecot.tlsName, "--ca-file",
                dovecot.caFile, "-u", mta.flowUser, "--password-file", passwordFile, "--smtp-host", mta.host,
                "--smtp-port", String(mta.submissionPort), "--smtp-sni", mta.tlsName,
            ] + (to.map { ["--to", $0] } ?? [])
        }

        static func bed() -> (DovecotTestEnvironment, MTATestEnvironment)? {
            guard let dovecot = TestDovecot.require(), let mta = MTATestEnvironment.require() else { return nil }
            return (dovecot, mta)
        }

        @Test("check --mailflow: OK, the delivery time in the status line and in perfdata with -w/-c, exit 0")
        func checkDelivered() async throws {
            guard let (dovecot, mta) = Self.bed() else { return }
            let outcome = try await ImapwatchProcess.run(["check"] + Self.arguments(dovecot, mta) + ["-w", "5", "-c", "10"])
            #expect(outcome.code == 0, "\(outcome.everything)")
            #expect(outcome.statusLine.wholeMatch(of: try Regex(
                #"MAILFLOW OK - delivered to INBOX in [0-9.]+s; smtp cert [0-9]+d, imap cert [0-9]+d \| .*"#)) != nil,
                "\(outcome.statusLine)")
            #expect(outcome.statusLine.contains(try Regex(#" 'delivery'=[0-9.]+s;5;10;0 "#)), "\(outcome.statusLine)")
            for phase in ["smtp_connect", "smtp_starttls", "smtp_auth", "smtp_submit", "login", "cleanup", "logout"] {
                #expect(outcome.statusLine.contains("'\(phase)'="), "\(phase): \(outcome.statusLine)")
            }
            #expect(!outcome.everything.contains(mta.flowPassword))
        }

        @Test("check --mailflow: a message that never arrives is CRITICAL mail_lost after --wait, exit 2")
        func checkLost() async throws {
            guard let (dovecot, mta) = Self.bed() else { return }
            let lost = mta.flowUser.replacingOccurrences(of: "@", with: "+lost@")
            let outcome = try await ImapwatchProcess.run(["check"] + Self.arguments(dovecot, mta, to: lost) + ["--wait", "2"])
            #expect(outcome.code == 2, "\(outcome.everything)")
            #expect(outcome.statusLine.hasPrefix("MAILFLOW CRITICAL - delivery failed: mail_lost ("), "\(outcome.statusLine)")
            #expect(!outcome.statusLine.contains("'delivery'="), "no delivery time for a lost message")
            #expect(outcome.seconds < 10)
        }

        @Test("check --mailflow: filed into Junk is WARNING; deferred by the MTA is WARNING; refused is CRITICAL")
        func checkFindings() async throws {
            guard let (dovecot, mta) = Self.bed() else { return }
            let junk = try await ImapwatchProcess.run(
                ["check"] + Self.arguments(dovecot, mta, to: mta.flowUser.replacingOccurrences(of: "@", with: "+Junk@")))
            #expect(junk.code == 1 && junk.statusLine.hasPrefix("MAILFLOW WARNING - delivered into Junk, not INBOX"),
                "\(junk.everything)")
            let deferred = try await ImapwatchProcess.run(
                ["check"] + Self.arguments(dovecot, mta, to: mta.flowUser.replacingOccurrences(of: "@", with: "+deferred@")))
            #expect(deferred.code == 1, "\(deferred.everything)")
            #expect(deferred.statusLine.hasPrefix("MAILFLOW WARNING - smtp_submit failed: recipient_deferred (rcpt_to: 450 4.2.0"))
            let refused = try await ImapwatchProcess.run(["check"] + Self.arguments(dovecot, mta, to: "nobody@example.test"))
            #expect(refused.code == 2, "\(refused.everything)")
            #expect(refused.statusLine.hasPrefix("MAILFLOW CRITICAL - smtp_submit failed: recipient_refused (rcpt_to: 550 5.1.1"))
        }

        @Test("probe --mailflow --transcript: both waterfalls and both conversations, the password in neither")
        func probeShowsBothSessions() async throws {
            guard let (dovecot, mta) = Self.bed() else { return }
            let outcome = try await ImapwatchProcess.run(["probe"] + Self.arguments(dovecot, mta) + ["--transcript"])
            #expect(outcome.code == 0, "\(outcome.everything)")
            let lines = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first?.hasPrefix("mail flow OK: delivered to INBOX in ") == true, "\(lines.first ?? "")")
            for heading in ["submission:", "mailbox:", "submission transcript:", "mailbox transcript:"] {
                #expect(lines.contains(heading), "\(heading)")
            }
            #expect(lines.contains { $0.hasPrefix("smtp_submit ") } && lines.contains { $0.hasPrefix("delivery ") })
            #expect(lines.contains { $0.hasPrefix("found:        in INBOX ") })
            #expect(lines.contains("C: AUTH PLAIN <redacted>"))
            #expect(lines.contains { $0.hasPrefix("C: ") && $0.hasSuffix("AUTHENTICATE PLAIN <redacted>") })
            #expect(lines.contains { $0.hasPrefix("C: ") && $0.contains(" UID EXPUNGE ") })
            #expect(!outcome.everything.contains(mta.flowPassword))
        }

        @Test("probe --mailflow --json: the verdict, the submission, the mailbox session and the delivery, as JSON")
        func probeJSON() async throws {
            guard let (dovecot, mta) = Self.bed() else { return }
            let outcome = try await ImapwatchProcess.run(["probe"] + Self.arguments(dovecot, mta) + ["--json"])
            #expect(outcome.code == 0, "\(outcome.everything)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
            #expect(object["status"] as? String == "OK")
            let token = try #require(object["token"] as? String)
            let submission = try #require(object["submission"] as? [String: Any])
            let phases = try #require(submission["phases"] as? [[String: Any]])
            #expect(phases.compactMap { $0["phase"] as? String }.contains("smtp_submit"))
            #expect((submission["accepted"] as? String)?.contains("queued as") == true)
            let mailbox = try #require(object["mailbox"] as? [String: Any])
            let mailboxPhases = try #require(mailbox["phases"] as? [[String: Any]])
            #expect(mailboxPhases.compactMap { $0["phase"] as? String }.contains("delivery"))
            let delivery = try #require(object["delivery"] as? [String: Any])
            #expect(delivery["token"] as? String == token)
            #expect(delivery["folder"] as? String == "INBOX")
            #expect(((delivery["seconds"] as? Double) ?? 0) > 0)
            #expect(delivery["removed"] as? Int == 1)
            #expect(!outcome.everything.contains(mta.flowPassword))
        }

        @Test("--mailflow without -u is UNKNOWN: there is no mailbox to look in")
        func needsALogin() async throws {
            let outcome = try await ImapwatchProcess.run(["check", "--mailflow", "-H", "127.0.0.1"])
            #expect(outcome.code == 3, "\(outcome.everything)")
            #expect(outcome.statusLine == "MAILFLOW UNKNOWN - --mailflow needs -u and a password for the mailbox")
        }
    }
}

extension CLIIntegrationTests.MailFlowCommandTests {
    @Test("--state-file: the first run sends and says so; the second judges that message by its arrival and sends the next")
    func nonBlockingAcrossTwoRuns() async throws {
        guard let (dovecot, mta) = Self.bed() else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("state.json").path
        let arguments = ["check"] + Self.arguments(dovecot, mta) + ["--state-file", state]

        let first = try await ImapwatchProcess.run(arguments)
        #expect(first.code == 0, "\(first.everything)")
        #expect(first.statusLine.wholeMatch(of: try Regex(
            #"MAILFLOW OK - sent iw-[0-9a-f]{8}-[0-9]+-[0-9a-f]{8}; the next run judges it; smtp cert [0-9]+d \| .*"#)) != nil,
            "\(first.statusLine)")
        #expect(!first.statusLine.contains("'delivery'="))
        let sent = try #require(first.statusLine.firstMatch(of: /sent (iw-[0-9a-f-]+);/)).1
        #expect(try String(contentsOfFile: state, encoding: .utf8).contains("\"token\":\"\(sent)\""))

        try await Task.sleep(for: .seconds(1))
        let second = try await ImapwatchProcess.run(arguments)
        #expect(second.code == 0, "\(second.everything)")
        #expect(second.statusLine.hasPrefix("MAILFLOW OK - delivered to INBOX in "), "\(second.statusLine)")
        #expect(second.statusLine.contains("s by its arrival time;"), "\(second.statusLine)")
        #expect(second.statusLine.contains(try Regex(#" 'delivery'=[0-9]s;;60;0 "#)), "\(second.statusLine)")
        #expect(second.seconds < 10)
        // The judged message is gone; the file now names the one the second run sent.
        #expect(try dovecot.doveadm("search -u \(mta.flowUser) mailbox INBOX header X-Imapwatch-Probe \(sent)").isEmpty)
        let next = try String(contentsOfFile: state, encoding: .utf8)
        #expect(!next.contains(String(sent)) && next.contains("\"token\":\"iw-"))

        // Judged by a third run, so that the test leaves nothing behind.
        let third = try await ImapwatchProcess.run(arguments)
        #expect(third.code == 0, "\(third.everything)")
        try FileManager.default.removeItem(atPath: state)
        _ = try dovecot.doveadm("expunge -u \(mta.flowUser) mailbox INBOX header X-Imapwatch-Probe iw-")
    }

    @Test("--state-file: a message the previous run sent that never arrived is CRITICAL at once; a garbled file is UNKNOWN and replaced")
    func nonBlockingLostAndGarbled() async throws {
        guard let (dovecot, mta) = Self.bed() else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("state.json").path
        let lost = mta.flowUser.replacingOccurrences(of: "@", with: "+lost@")
        let arguments = ["check"] + Self.arguments(dovecot, mta, to: lost) + ["--state-file", state, "--wait", "1"]

        #expect(try await ImapwatchProcess.run(arguments).code == 0)
        try await Task.sleep(for: .milliseconds(1500))
        let judged = try await ImapwatchProcess.run(arguments)
        #expect(judged.code == 2, "\(judged.everything)")
        #expect(judged.statusLine.hasPrefix("MAILFLOW CRITICAL - delivery failed: mail_lost ("), "\(judged.statusLine)")
        #expect(judged.seconds < 5, "past its wait, the previous message is looked for once: \(judged.seconds) s")

        try "{\"version\": 99}".write(toFile: state, atomically: true, encoding: .utf8)
        let garbled = try await ImapwatchProcess.run(arguments)
        #expect(garbled.code == 3, "\(garbled.everything)")
        #expect(garbled.statusLine.hasPrefix("MAILFLOW UNKNOWN - \(state) is not an imapwatch mail-flow state file; started over"))
        #expect(try String(contentsOfFile: state, encoding: .utf8).contains("\"version\":1"))
    }
}
