import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reload is all or nothing: a file whose `alerts:` cannot start (the storage path unusable or locked) is
/// rejected whole, through the binary, by `POST /-/reload` and SIGHUP alike; the old targets keep being probed,
/// and once the path is fixed a further reload starts alerting. The tests run as root, so no permission bit is
/// relied on: a regular file stands where a folder should be, or another process holds the lock.
extension CLIIntegrationTests {
    @Suite("serve: a reload whose alerts: cannot start is rejected whole", .serialized)
    struct ServeReloadAlertsIntegrationTests {
        static let token = "T0k3n-\(UUID().uuidString.prefix(12))"
        let metrics = ServeReloadIntegrationTests()
        let alerts = ServeAlertsIntegrationTests()

        /// Every target probed each second: `good` on Dovecot, `down` on `downPort` (nothing listens there); with
        /// `alerting`, also `added` and an `alerts:` section with one webhook.
        func configuration(_ env: TestDovecot, downPort: Int, alerting: Bool) -> String {
            let target = { (name: String, port: Int) in
                "  - { name: \(name), host: \(env.host), port: \(port), module: imaps }\n"
            }
            let base = """
                defaults:
                  interval: 1s
                  timeout: 800ms
                  ca_file: \(env.caFile)
                  alerting: { failure_threshold: 2, success_threshold: 2 }
                modules:
                  imaps: { tls: implicit, username: \(env.user), password_file: \(env.passwordFile) }
                targets:

                """ + target("good", env.imapsPort) + target("down", downPort)
            guard alerting else { return base }
            return base + target("added", env.imapsPort) + """
                alerts:
                  group_wait: 0s
                  receivers:
                    - { name: hook, type: webhook, url_file: hook.url }

                """
        }

        /// The reload gauge, the targets' series and the receivers' series as they were before a rejected
        /// reload: the old configuration still running, `good` still probed.
        func expectOldConfigurationRunning(port: Int) async throws {
            let before = try #require(
                metricValue(try HTTPGet.get(port: port, path: "/metrics").body, "imap_probe_last_run_timestamp_seconds", target: "good"))
            let body = try await metrics.scrape(port: port, within: 10) {
                (metricValue($0, "imap_probe_last_run_timestamp_seconds", target: "good") ?? 0) > before
            }
            #expect((metricValue(body, "imap_probe_last_run_timestamp_seconds", target: "good") ?? 0) > before, "good is still probed")
            #expect(metricValue(body, "imapwatch_config_last_reload_successful") == 0)
            #expect(metricValue(body, "imapwatch_targets") == 2)
            #expect(!body.contains(#"target="added""#), "no target of the rejected file runs")
            #expect(!body.contains(#"receiver="hook""#), "no receiver of the rejected file runs")
        }

        /// Starts serve without `alerts:` on `storage`, waits for `good`'s first success; serve and its port.
        func startWithoutAlerts(_ workspace: ServeWorkspace, _ env: TestDovecot, downPort: Int, storage: String) async throws
            -> (ServeProcess, Int)
        {
            try workspace.write("imapwatch.yml", configuration(env, downPort: downPort, alerting: false))
            let serve = try ServeProcess([
                "--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0", "--storage.path", storage,
            ])
            let port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")
            let body = try await metrics.scrape(port: port, within: 20) {
                metricValue($0, "imap_probe_success", target: "good") == 1
            }
            #expect(metricValue(body, "imapwatch_config_last_reload_successful") == 1, "\(body)")
            return (serve, port)
        }

        /// After the storage was fixed: `POST /-/reload` answers 200, the gauge is 1, `added` runs and `down`
        /// fires to the webhook.
        func expectReloadStartsAlerting(port: Int, listener: ServerProcess, serve: ServeProcess) async throws {
            let accepted = try HTTPGet.request("POST", port: port, path: "/-/reload")
            #expect(accepted.status == 200, "\(accepted.body)\n\(serve.output)")
            #expect(accepted.body == "OK: 3 targets (1 added, 0 removed, 0 changed)\n", "\(accepted.body)")
            let body = try HTTPGet.get(port: port, path: "/metrics").body
            #expect(metricValue(body, "imapwatch_config_last_reload_successful") == 1)
            #expect(body.contains(#"imapwatch_notification_queue_length{receiver="hook"} 0"#), "\(body)")
            #expect(
                try await alerts.waitFor(20) { ServeAlertsIntegrationTests.messages(listener) == ["firing"] },
                "alerting started: \(listener.printed)\n\(serve.output)")
            #expect(serve.output.contains(#"msg="alerting started""#))
        }

        /// A webhook listener (it stops by itself after a minute) and a workspace whose `hook.url` points at it.
        static func listenerAndWorkspace() async throws -> (ServerProcess, ServeWorkspace) {
            let listener = try await WebhookListener.start()
            let workspace = try ServeWorkspace("imapwatch-reload-alerts")
            try workspace.write("hook.url", "http://127.0.0.1:\(listener.port)/ok/hook/\(Self.token)\n")
            return (listener, workspace)
        }

        @Test("POST and SIGHUP: a storage path under a regular file answers 500 and changes nothing; fixed, it starts")
        func storageUnderAFile() async throws {
            guard let env = TestDovecot.require() else { return }
            let (listener, workspace) = try await Self.listenerAndWorkspace()
            defer { listener.stop() }
            let blocker = workspace.folder.appendingPathComponent("blocker").path
            try workspace.write("blocker", "a file where the storage's parent folder should be\n")
            let storage = blocker + "/state"
            let closed = try ClosedPort()
            defer { closed.release() }
            let (serve, port) = try await startWithoutAlerts(workspace, env, downPort: closed.port, storage: storage)
            defer { serve.stop() }

            try workspace.write("imapwatch.yml", configuration(env, downPort: closed.port, alerting: true))
            let rejected = try HTTPGet.request("POST", port: port, path: "/-/reload")
            #expect(rejected.status == 500, "\(rejected.body)")
            #expect(
                rejected.body == "failed to reload config: cannot use the storage path \(storage): cannot create \(storage): Not a directory\n",
                "\(rejected.body)")
            try await expectOldConfigurationRunning(port: port)

            kill(serve.pid, SIGHUP)
            let rejectedLine = #"msg="configuration reload rejected; the previous configuration keeps running""#
            #expect(
                try await alerts.waitFor(10) {
                    serve.output.components(separatedBy: "\n").contains { $0.contains(rejectedLine) && $0.contains("trigger=SIGHUP") }
                }, "\(serve.output)")
            try await expectOldConfigurationRunning(port: port)
            #expect(!serve.output.contains(#"msg="configuration reloaded""#))
            #expect(!serve.output.contains(#"msg="alerting started""#))
            #expect(ServeAlertsIntegrationTests.messages(listener).isEmpty)

            try FileManager.default.removeItem(atPath: blocker)
            try await expectReloadStartsAlerting(port: port, listener: listener, serve: serve)
            #expect(try await serve.signal(SIGTERM, waitingUpTo: 8) == 0, "\(serve.output)")
            #expect(!(serve.output + rejected.body).contains(Self.token), "the URL's token leaked")
            #expect(!serve.output.contains(env.password), "the password leaked")
        }

        @Test("POST: a storage path locked by another process answers 500 naming it; unlocked, a reload starts alerting")
        func storageLockedByAnotherProcess() async throws {
            guard let env = TestDovecot.require() else { return }
            let (listener, workspace) = try await Self.listenerAndWorkspace()
            defer { listener.stop() }
            try FileManager.default.createDirectory(atPath: workspace.storage, withIntermediateDirectories: true)
            // The lock another agent on this path would hold (this test process is that other agent).
            let holder = open(workspace.storage + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            try #require(holder >= 0 && flock(holder, LOCK_EX | LOCK_NB) == 0, "cannot take the lock: errno \(errno)")
            var held = true
            defer { if held { close(holder) } }
            let closed = try ClosedPort()
            defer { closed.release() }
            let (serve, port) = try await startWithoutAlerts(workspace, env, downPort: closed.port, storage: workspace.storage)
            defer { serve.stop() }

            try workspace.write("imapwatch.yml", configuration(env, downPort: closed.port, alerting: true))
            let rejected = try HTTPGet.request("POST", port: port, path: "/-/reload")
            #expect(rejected.status == 500, "\(rejected.body)")
            #expect(rejected.body.contains("is in use by another imapwatch"), "\(rejected.body)")
            try await expectOldConfigurationRunning(port: port)

            close(holder)
            held = false
            try await expectReloadStartsAlerting(port: port, listener: listener, serve: serve)
            #expect(try await serve.signal(SIGTERM, waitingUpTo: 8) == 0, "\(serve.output)")
            #expect(!serve.output.contains(Self.token), "the URL's token leaked")
        }

        @Test("at start, a storage path under a regular file: exit 1 naming it, nothing served")
        func storageUnderAFileAtStart() async throws {
            guard let env = TestDovecot.require() else { return }
            let workspace = try ServeWorkspace("imapwatch-reload-alerts")
            try workspace.write("hook.url", "http://127.0.0.1:9/ok/hook/\(Self.token)\n")
            try workspace.write("blocker", "a file where the storage's parent folder should be\n")
            let storage = workspace.folder.appendingPathComponent("blocker").path + "/state"
            try workspace.write("imapwatch.yml", configuration(env, downPort: try HTTPGet.closedPort(), alerting: true))
            let outcome = try await ImapwatchProcess.run(
                [
                    "serve", "--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0",
                    "--storage.path", storage,
                ], deadline: 20)
            #expect(outcome.code == 1, "\(outcome.everything)")
            #expect(
                outcome.standardError.hasPrefix("cannot use the storage path \(storage): cannot create \(storage): Not a directory"),
                "\(outcome.standardError)")
            #expect(!outcome.everything.contains("msg=listening"))
        }
    }
}
