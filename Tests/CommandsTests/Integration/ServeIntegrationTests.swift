import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `imapwatch serve` as a subprocess against the real test Dovecot: scrape `/metrics` over HTTP, check values
/// against Dovecot's own view, run promtool on the scrape, and stop it with SIGTERM.
extension CLIIntegrationTests {
    @Suite("serve against the test Dovecot", .serialized)
    struct ServeIntegrationTests {
        static let targets = ["imaps", "starttls", "wrong-password", "closed-port"]

        /// The config: implicit TLS, STARTTLS, a wrong password, a closed port; every 2 s.
        func configuration(env: TestDovecot, wrongPasswordFile: String, closedPort: Int) -> String {
            """
            defaults:
              interval: 2s
              timeout: 1500ms
              ca_file: \(env.caFile)
            targets:
              - name: imaps
                host: \(env.host)
                port: \(env.imapsPort)
                tls: implicit
                username: \(env.user)
                password_file: \(env.passwordFile)
                labels: { site: loopback }
              - name: starttls
                host: \(env.host)
                port: \(env.imapPort)
                tls: starttls
                username: \(env.user)
                password_file: \(env.passwordFile)
              - name: wrong-password
                host: \(env.host)
                port: \(env.imapPort)
                tls: starttls
                username: \(env.user)
                password_file: \(wrongPasswordFile)
              - name: closed-port
                host: 127.0.0.1
                port: \(closedPort)
                tls: implicit
                username: \(env.user)
                password_file: \(env.passwordFile)

            """
        }


        @Test("scrape /metrics: values match Dovecot, promtool-clean, no secret; SIGTERM exits 0")
        func scrapeAndStop() async throws {
            guard let env = TestDovecot.require() else { return }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let wrong = "Wr0ng-\(UUID().uuidString.prefix(8))"
            let wrongFile = folder.appendingPathComponent("wrong.password")
            try Data("\(wrong)\n".utf8).write(to: wrongFile)
            let configFile = folder.appendingPathComponent("imapwatch.yml")
            let closedPort = try HTTPGet.closedPort()
            try Data(configuration(env: env, wrongPasswordFile: wrongFile.path, closedPort: closedPort).utf8)
                .write(to: configFile)

            let serve = try ServeProcess(["--config", configFile.path, "--web.listen-address", "127.0.0.1:0"])
            defer { serve.stop() }
            let port = try #require(
                try await serve.listeningPort(within: 20), "serve did not log its address: \(serve.output)")

            // Every target has been probed at least once (interval 2 s: within a few seconds).
            var body = ""
            let start = Date()
            while Date().timeIntervalSince(start) < 20 {
                let response = try HTTPGet.get(port: port, path: "/metrics")
                #expect(response.status == 200)
                body = response.body
                if Self.targets.allSatisfy({ metricValue(body, "imap_probe_success", target: $0) != nil }) { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            let scrape = try HTTPGet.get(port: port, path: "/metrics")
            #expect(scrape.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            body = scrape.body
            for target in Self.targets {
                #expect(metricValue(body, "imap_probe_success", target: target) != nil, "no sample for \(target): \(body)")
            }
            #expect(metricValue(body, "imap_probe_success", target: "imaps") == 1)
            #expect(metricValue(body, "imap_probe_success", target: "starttls") == 1)
            #expect(metricValue(body, "imap_probe_success", target: "wrong-password") == 0)
            #expect(metricValue(body, "imap_probe_success", target: "closed-port") == 0)
            #expect(
                (metricValue(body, "imap_probe_failures_total", target: "wrong-password",
                    [#"phase="login""#, #"reason="auth_failed""#]) ?? 0) >= 1)
            #expect(
                (metricValue(body, "imap_probe_failures_total", target: "closed-port",
                    [#"phase="connect""#, #"reason="connect_refused""#]) ?? 0) >= 1)
            #expect(body.contains(#"site="loopback""#))

            // Quota equals Dovecot's own view (units of 1024 octets).
            let report = try env.doveadm("quota get -u \(env.user)")
            var storage: UInt64?
            for line in report.split(separator: "\n") where line.hasPrefix(env.quotaRoot) {
                let fields = line.dropFirst(env.quotaRoot.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
                if fields.count >= 3, fields[0] == "STORAGE" { storage = UInt64(fields[1]) }
            }
            let used = try #require(storage, "doveadm said: \(report)")
            #expect(metricValue(body, "imap_quota_usage_bytes", target: "imaps") == Double(used * 1024))
            #expect(
                metricValue(body, "imap_tls_cert_not_after_timestamp_seconds", target: "imaps") == Double(env.certNotAfter))
            #expect(
                metricValue(body, "imap_tls_cert_not_after_timestamp_seconds", target: "starttls")
                    == Double(env.certNotAfter))

            // promtool is clean on the real scrape.
            if let promtool = Promtool.require() {
                let outcome = try promtool.checkMetrics(body)
                #expect(outcome.status == 0)
                #expect(outcome.output == "", "promtool: \(outcome.output)")
            }

            // The other endpoints.
            #expect(try HTTPGet.get(port: port, path: "/-/healthy").status == 200)
            #expect(try HTTPGet.get(port: port, path: "/-/ready").status == 200)
            #expect(try HTTPGet.get(port: port, path: "/").body.contains(#"href="metrics""#))

            // SIGTERM: exit 0 within a few seconds.
            let status = try await serve.signal(SIGTERM, waitingUpTo: 8)
            #expect(status == 0, "serve did not exit 0 within 8 s after SIGTERM: \(serve.output)")

            // No password anywhere, and the failure was logged as one line with phase and reason.
            let output = serve.output
            for secret in [env.password, wrong] {
                #expect(!body.contains(secret))
                #expect(!output.contains(secret))
            }
            #expect(
                output.split(separator: "\n").contains {
                    $0.contains("msg=\"probe failed\"") && $0.contains("target=wrong-password")
                        && $0.contains("phase=login") && $0.contains("reason=auth_failed") && $0.contains("server_text=")
                }, "\(output)")
        }

        @Test("an invalid configuration: exit 1 with the error's position, nothing served")
        func invalidConfiguration() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let configFile = folder.appendingPathComponent("bad.yml")
            try Data("targets:\n  - name: a\n    host: h\n    colour: blue\n".utf8).write(to: configFile)
            let outcome = try await ImapwatchProcess.run(
                ["serve", "--config", configFile.path, "--web.listen-address", "127.0.0.1:0"], deadline: 20)
            #expect(outcome.code == 1)
            #expect(outcome.standardError.contains("bad.yml:4:5"), "\(outcome.standardError)")
        }
    }
}
