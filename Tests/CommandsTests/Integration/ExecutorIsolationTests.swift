import Foundation
import TestSupport
import Testing

/// The scenario of a chat outage plus a stranger at the HTTP port: four webhook receivers that accept and never
/// answer, a target on a closed port that keeps firing to them, and 200 requests with random Basic credentials,
/// while a healthy target is probed by host name every second. Name lookups, bcrypt and libcurl each have an
/// executor of their own, so the healthy target never fails a probe, and the flood is answered 401 or 503.
extension CLIIntegrationTests {
    @Suite("serve: alert trouble and strangers never touch the probes", .serialized)
    struct ExecutorIsolationTests {
        static let password = "scrape-\(UUID().uuidString.prefix(8))"

        func configuration(_ env: TestDovecot, closedPort: Int) -> String {
            let receivers = (1...4).map { "    - { name: hook\($0), type: webhook, url_file: hook.url, timeout: 30s }" }
            let routes = (1...4).map { "    - { receiver: hook\($0) }" }
            return """
                defaults:
                  interval: 1s
                  timeout: 900ms
                  ca_file: \(env.caFile)
                  alerting: { failure_threshold: 1, success_threshold: 1 }
                targets:
                  - name: healthy
                    host: localhost
                    port: \(env.imapsPort)
                    tls: implicit
                    sni: \(env.tlsName)
                    username: \(env.user)
                    password_file: \(env.passwordFile)
                  - { name: down, host: 127.0.0.1, port: \(closedPort), tls: implicit }
                alerts:
                  group_wait: 0s
                  receivers:
                \(receivers.joined(separator: "\n"))
                  routes:
                \(routes.joined(separator: "\n"))

                """
        }

        /// 200 requests to /metrics with random Basic credentials from 40 threads; prints each status.
        static let flood = #"""
            import base64, random, socket, sys, threading
            port = int(sys.argv[1])
            statuses = []
            def one():
                user = "u%d" % random.randrange(10**9)
                secret = base64.b64encode(("%s:%d" % (user, random.randrange(10**9))).encode()).decode()
                s = socket.create_connection(("127.0.0.1", port), timeout=20)
                s.sendall(("GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Basic %s\r\nConnection: close\r\n\r\n" % secret).encode())
                data = s.recv(64)
                s.close()
                statuses.append(data.split(b" ")[1].decode() if data else "none")
            def worker():
                for _ in range(5):
                    try:
                        one()
                    except Exception as error:
                        statuses.append("error")
            threads = [threading.Thread(target=worker) for _ in range(40)]
            for t in threads: t.start()
            for t in threads: t.join()
            print(" ".join(statuses))
            """#

        @Test("hanging receivers and a password flood: the healthy target never fails a probe")
        func probesAreNeverDelayed() async throws {
            guard let env = TestDovecot.require(), let htpasswd = Htpasswd.require() else { return }
            let hanging = try await HangingListener.start()
            defer { hanging.stop() }
            let closed = try ClosedPort()
            defer { closed.release() }
            let workspace = try ServeWorkspace("imapwatch-isolation")
            try workspace.write("hook.url", "http://127.0.0.1:\(hanging.port)/hook\n")
            try workspace.write("imapwatch.yml", configuration(env, closedPort: closed.port))
            let hash = try htpasswd.bcryptHash(user: "prometheus", password: Self.password, cost: 10)
            try workspace.write("web.yml", "basic_auth_users:\n  prometheus: \(hash)\n")
            let serve = try ServeProcess([
                "--config", workspace.configFile.path, "--web.config.file", workspace.folder.appendingPathComponent("web.yml").path,
                "--web.listen-address", "127.0.0.1:0", "--storage.path", workspace.storage,
            ])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")
            let auth = ["Authorization": "Basic " + Data("prometheus:\(Self.password)".utf8).base64EncodedString()]

            // Every receiver holds a send that will not finish before the test does.
            let end = Date().addingTimeInterval(15)
            while Date() < end, hanging.printed.components(separatedBy: "HELD").count - 1 < 4 {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(hanging.printed.components(separatedBy: "HELD").count - 1 >= 4, "\(hanging.printed)\n\(serve.output)")

            // Prometheus scraped before the flood began: its password is verified once and cached.
            #expect(try HTTPGet.get(port: port, path: "/metrics", headers: auth, timeout: 10).status == 200)
            let flood = Task.detached { try ToolRun.run(tool: "python3", ["-c", Self.flood, String(port)]) }
            var bodies: [String] = []
            for _ in 0..<12 {
                try await Task.sleep(for: .seconds(1))
                let scrape = try HTTPGet.get(port: port, path: "/metrics", headers: auth, timeout: 10)
                #expect(scrape.status == 200)
                bodies.append(scrape.body)
            }
            let statuses = try await flood.value.output.split(whereSeparator: \.isWhitespace).map(String.init)
            #expect(statuses.count == 200, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == "401" || $0 == "503" }, "\(statuses)")
            #expect(statuses.contains("503"), "the auth executor's bound refused part of the flood at once")

            let last = try #require(bodies.last)
            let healthyFailures = last.split(separator: "\n").filter {
                $0.hasPrefix("imap_probe_failures_total{") && $0.contains(#"target="healthy""#)
            }
            #expect(healthyFailures.isEmpty, "\(healthyFailures)\n\(serve.output)")
            let readings = bodies.map { body -> Double? in
                let line = body.split(separator: "\n").first { $0.hasPrefix(#"imap_probe_success{target="healthy""#) }
                return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
            }
            #expect(readings == Array(repeating: 1, count: bodies.count), "a scrape read the healthy target down")
            #expect(last.contains(#"imapwatch_executor_running{executor="delivery"} 4"#), "\(last)")
            let rejected = last.split(separator: "\n").first { $0.hasPrefix(#"imapwatch_executor_rejected_total{executor="auth"}"#) }
            let rejectedCount: Double? = rejected.flatMap { line in line.split(separator: " ").last.flatMap { Double($0) } }
            #expect((rejectedCount ?? 0) > 0, "\(rejected ?? "")")
            #expect(try await serve.signal(SIGTERM, waitingUpTo: 10) == 0, "\(serve.output)")

        }
    }
}
