import Foundation
import TestSupport
import Testing

/// `imapwatch serve` running a target that is a mail-flow loop, against the test bed's Postfix and Dovecot: the
/// loop's runs reach `/metrics` as the target's results (success, the mailbox session's phases), promtool-clean,
/// and each run's message is gone from the mailbox afterwards.
extension CLIIntegrationTests {
    @Suite("serve running a mail-flow loop", .serialized)
    struct ServeMailFlowTests {

        @Test("a loop target: success 1 after its runs, refused recipient 0 with its reason, nothing left behind")
        func loopTargets() async throws {
            guard let dovecot = TestDovecot.require(), let mta = MTATestEnvironment.require() else { return }
            let passwordFile = try #require(ProcessInfo.processInfo.environment["IMAPWATCH_TEST_FLOW_PASSWORD_FILE"])
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-loop-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let configFile = folder.appendingPathComponent("imapwatch.yml")
            let target = { (name: String, to: String) in
                """
                  - name: \(name)
                    host: \(dovecot.host)
                    port: \(dovecot.imapPort)
                    tls: starttls
                    sni: \(dovecot.tlsName)
                    username: \(mta.flowUser)
                    password_file: \(passwordFile)
                    interval: 3s
                    timeout: 1s
                    mailflow:
                      smtp_host: \(mta.host)
                      smtp_port: \(mta.submissionPort)
                      smtp_sni: \(mta.tlsName)
                      to: \(to)
                      wait: 800ms

                """
            }
            try Data(("defaults:\n  ca_file: \(dovecot.caFile)\ntargets:\n" + target("loop", mta.flowUser)
                + target("refused", "nobody@example.test")).utf8).write(to: configFile)

            let serve = try ServeProcess(["--config", configFile.path, "--web.listen-address", "127.0.0.1:0"])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "serve did not start: \(serve.output)")
            var body = ""
            let start = Date()
            while Date().timeIntervalSince(start) < 20 {
                body = try HTTPGet.get(port: port, path: "/metrics").body
                if metricValue(body, "imap_probe_success", target: "loop") != nil,
                    metricValue(body, "imap_probe_success", target: "refused") != nil
                {
                    break
                }
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(metricValue(body, "imap_probe_success", target: "loop") == 1)
            #expect(metricValue(body, "imap_probe_success", target: "refused") == 0)
            #expect(
                (metricValue(body, "imap_probe_failures_total", target: "refused",
                    [#"phase="delivery""#, #"reason="recipient_refused""#]) ?? 0) >= 1,
                "\(body.split(separator: "\n").filter { $0.contains("failures_total") })")
            #expect(!body.contains(mta.flowPassword))
            if let promtool = Promtool.require() {
                let outcome = try promtool.checkMetrics(body)
                #expect(outcome.status == 0 && outcome.output == "", "promtool: \(outcome.output)")
            }
            _ = try await serve.signal(SIGTERM, waitingUpTo: 10)
            // Every message the loop sent is gone: only this test's loops use the flow mailbox now.
            let left = try dovecot.doveadm("search -u \(mta.flowUser) mailbox INBOX header X-Imapwatch-Probe iw-")
            #expect(left.isEmpty, "\(left)")
        }
    }
}
