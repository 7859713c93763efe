import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `imapwatch serve` alerting end to end: a target on a closed port fires after `failure_threshold` probes, a
/// restart while it fires sends nothing again, and once the target is fixed the resolution arrives once; plus
/// `imapwatch alert test`. Against the real test Dovecot and a real HTTP listener; no secret in any output.
extension CLIIntegrationTests {
    @Suite("serve: alerts end to end", .serialized)
    struct ServeAlertsIntegrationTests {
        /// The token in the receivers' URLs, which must never show.
        static let token = "T0k3n-\(UUID().uuidString.prefix(12))"

        typealias Workspace = ServeWorkspace

        /// Every target probed each second; `down` on `downPort` (closed at first, Dovecot's once fixed).
        func configuration(_ env: TestDovecot, downPort: Int, listener: Int) -> String {
            """
            defaults:
              interval: 1s
              timeout: 800ms
              ca_file: \(env.caFile)
              alerting:
                failure_threshold: 3
                success_threshold: 2
            modules:
              imaps:
                tls: implicit
                username: \(env.user)
                password_file: \(env.passwordFile)
            targets:
              - name: good
                host: \(env.host)
                port: \(env.imapsPort)
                module: imaps
              - name: down
                host: \(env.host)
                port: \(downPort)
                module: imaps
                labels: { team: mail }
            alerts:
              group_wait: 0s
              receivers:
                - name: hook
                  type: webhook
                  url_file: hook.url
                - name: chat
                  type: slack
                  url_file: chat.url
              routes:
                - receiver: hook
                - receiver: chat
                  severity: critical
                  match: { team: mail }

            """
        }

        /// The webhook bodies the listener received for `down`'s probe_failing, as (status, alert status).
        static func messages(_ listener: ServerProcess) -> [String] {
            listener.printed.components(separatedBy: "\n").filter { $0.hasPrefix("REQ /ok/hook/") }.compactMap { line in
                guard let hex = line.split(separator: " ").last, let data = Data(hexText: String(hex)),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                    let alerts = object["alerts"] as? [[String: Any]]
                else { return nil }
                return alerts.compactMap { alert -> String? in
                    let labels = alert["labels"] as? [String: String] ?? [:]
                    guard labels["target"] == "down", labels["condition"] == "probe_failing" else { return nil }
                    return alert["status"] as? String
                }.joined(separator: ",")
            }.filter { !$0.isEmpty }
        }

        func waitFor(_ seconds: Double, _ condition: () -> Bool) async throws -> Bool {
            let start = Date()
            while Date().timeIntervalSince(start) < seconds {
                if condition() { return true }
                try await Task.sleep(for: .milliseconds(200))
            }
            return condition()
        }

        @Test("a closed port fires after failure_threshold probes, survives a restart, resolves once fixed")
        func firesAndResolves() async throws {
            guard let env = TestDovecot.require() else { return }
            let listener = try await WebhookListener.start()
            defer { listener.stop() }
            let workspace = try Workspace()
            try workspace.write("hook.url", "http://127.0.0.1:\(listener.port)/ok/hook/\(Self.token)\n")
            try workspace.write("chat.url", "http://127.0.0.1:\(listener.port)/ok/chat/\(Self.token)\n")
            let closed = try ClosedPort()
            defer { closed.release() }
            try workspace.write("imapwatch.yml", configuration(env, downPort: closed.port, listener: listener.port))
            let arguments = [
                "--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0",
                "--storage.path", workspace.storage,
            ]

            var serve = try ServeProcess(arguments)
            var port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")
            #expect(try await waitFor(20) { Self.messages(listener) == ["firing"] }, "\(listener.printed)\n\(serve.output)")
            // Fired on the third bad probe, not before.
            let log = serve.output.components(separatedBy: "\n")
            let firedAt = try #require(log.firstIndex { $0.contains(#"msg="alert firing""#) && $0.contains("target=down") })
            let failuresBefore = log[..<firedAt].filter { $0.contains(#"msg="probe failed""#) && $0.contains("target=down") }
            #expect(failuresBefore.count == 3, "\(log[..<firedAt].joined(separator: "\n"))")
            // The critical alert of a team=mail target also went to the chat receiver; good fired nothing.
            // (Sent at the same time as the hook's: wait for it rather than assume the listener took it first.)
            let chatRequests = { listener.printed.components(separatedBy: "\n").filter { $0.hasPrefix("REQ /ok/chat/") } }
            _ = try await waitFor(5) { chatRequests().count >= 1 }
            #expect(chatRequests().count == 1)
            // The listener prints a request before the agent has its answer: wait for the agent's count of it.
            var metrics = ""
            _ = try await waitFor(5) {
                metrics = (try? HTTPGet.get(port: port, path: "/metrics").body) ?? ""
                return metrics.contains(#"imapwatch_notification_delivery_seconds_count{receiver="chat"} 1"#)
                    && metrics.contains(#"imapwatch_notification_queue_length{receiver="hook"} 0"#)
            }
            #expect(metrics.contains(#"imapwatch_alerts{state="firing",severity="critical"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"imapwatch_notifications_total{receiver="hook",result="delivered"} 1"#))
            #expect(metrics.contains(#"imapwatch_notification_queue_length{receiver="hook"} 0"#))
            #expect(metrics.contains(#"imapwatch_notification_delivery_seconds_count{receiver="chat"} 1"#))
            if let promtool = Promtool.require() {
                let outcome = try promtool.checkMetrics(metrics)
                #expect(outcome.status == 0 && outcome.output == "", "promtool: \(outcome.output)")
            }
            #expect(try await serve.signal(SIGTERM, waitingUpTo: 8) == 0, "\(serve.output)")
            var outputs = serve.output

            // Restarted while the port is still closed: the saved state says firing, nothing is sent again.
            serve = try ServeProcess(arguments)
            port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")
            _ = try await waitFor(4) { false }
            #expect(Self.messages(listener) == ["firing"], "a restart does not fire again: \(Self.messages(listener))")
            metrics = try HTTPGet.get(port: port, path: "/metrics").body
            #expect(metrics.contains(#"imapwatch_alerts{state="firing",severity="critical"} 1"#), "\(metrics)")

            // Fixed: the same target now points at Dovecot; two good probes resolve it, once.
            try workspace.write("imapwatch.yml", configuration(env, downPort: env.imapsPort, listener: listener.port))
            kill(serve.pid, SIGHUP)
            #expect(
                try await waitFor(20) { Self.messages(listener) == ["firing", "resolved"] },
                "\(Self.messages(listener))\n\(serve.output)")
            _ = try await waitFor(3) { false }
            #expect(Self.messages(listener) == ["firing", "resolved"], "exactly once each")
            metrics = try HTTPGet.get(port: port, path: "/metrics").body
            #expect(metrics.contains(#"imapwatch_alerts{state="firing",severity="critical"} 0"#))
            #expect(try await serve.signal(SIGTERM, waitingUpTo: 8) == 0, "\(serve.output)")
            outputs += serve.output + metrics + listener.printed.components(separatedBy: "\n")
                .filter { !$0.hasPrefix("REQ ") }.joined()
            #expect(!outputs.contains(Self.token), "the URL's token leaked")
            #expect(!outputs.contains(env.password), "the password leaked")
        }

        @Test("alert test sends one message per receiver and says what each answered")
        func alertTest() async throws {
            guard let env = TestDovecot.require() else { return }
            let listener = try await WebhookListener.start()
            defer { listener.stop() }
            let workspace = try Workspace()
            try workspace.write("hook.url", "http://127.0.0.1:\(listener.port)/ok/hook/\(Self.token)\n")
            try workspace.write("chat.url", "http://127.0.0.1:\(listener.port)/gone/chat/\(Self.token)\n")
            try workspace.write("imapwatch.yml", configuration(env, downPort: env.imapsPort, listener: listener.port))

            let ok = try await ImapwatchProcess.run(["alert", "test", "hook", "--config", workspace.configFile.path])
            #expect(ok.code == 0, "\(ok.everything)")
            #expect(ok.standardOutput.hasPrefix("hook (webhook), firing: delivered, HTTP 200 in "), "\(ok.everything)")
            let sent = listener.printed.components(separatedBy: "\n").filter { $0.hasPrefix("REQ /ok/hook/") }
            #expect(sent.count == 1)

            let all = try await ImapwatchProcess.run(["alert", "test", "--resolved", "--config", workspace.configFile.path])
            #expect(all.code == 1, "the chat receiver answers 404: \(all.everything)")
            let lines = all.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.count == 4, "\(all.everything)")
            #expect(lines.filter { $0.hasPrefix("chat (slack), ") }.allSatisfy { $0.contains("failed, HTTP 404") })
            #expect(lines.contains { $0.hasPrefix("hook (webhook), resolved: delivered") })

            let unknown = try await ImapwatchProcess.run(["alert", "test", "nope", "--config", workspace.configFile.path])
            #expect(unknown.code == 1)
            #expect(unknown.standardError.contains("no receiver 'nope'"), "\(unknown.everything)")
            #expect(unknown.standardError.contains("hook, chat"))
            #expect(!(ok.everything + all.everything + unknown.everything).contains(Self.token))
        }
    }
}
