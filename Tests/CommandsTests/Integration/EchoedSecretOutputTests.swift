import Config
import Foundation
import TestSupport
import Testing

/// A server that echoes the password back in every form (raw with a combining mark, base64 off alignment, inside
/// a line longer than the transcript keeps), through the binary: no surface shows any part of it — `probe`'s
/// report, transcript and JSON, `check -v`, and `serve`'s `/probe?debug=true`, status page, log and alert
/// bodies, with the password read from a file.
extension CLIIntegrationTests {
    @Suite("an echoed password at every output surface", .serialized)
    struct EchoedSecretOutputTests {
        static let password = "Echo-\(UUID().uuidString.prefix(13))-pw"

        /// Every 12-character window of every form of the password found in `text` (searched as bytes).
        static func leaks(in text: String) -> [String] {
            let haystack = Array(text.utf8)
            var found: [String] = []
            for form in SecretScrubber.forms(of: password) {
                let bytes = Array(form.utf8)
                for start in 0...max(bytes.count - 12, 0) {
                    let window = bytes[start..<min(start + 12, bytes.count)]
                    let hit = haystack.count >= window.count && (0...(haystack.count - window.count)).contains {
                        haystack[$0..<($0 + window.count)].elementsEqual(window)
                    }
                    if hit { found.append(String(decoding: window, as: UTF8.self)) }
                }
            }
            return found
        }

        @Test("probe, probe --json and check -v show none of it")
        func commands() async throws {
            let server = try await EchoingIMAPServer.start(connections: 3)
            defer { server.stop() }
            let base = ["-H", "127.0.0.1", "-p", String(server.port), "--tls", "none", "-u", "monitor", "--allow-plaintext-auth"]
            for arguments in [["probe", "--transcript"], ["probe", "--json", "--transcript"], ["check", "-v"]] {
                let outcome = try await ImapwatchProcess.run(
                    [arguments[0]] + base + arguments.dropFirst(), environment: ["IMAPWATCH_PASSWORD": Self.password])
                #expect(outcome.code == 2, "\(arguments): \(outcome.everything)")
                #expect(outcome.everything.contains("redacted"), "\(arguments): \(outcome.everything)")
                #expect(Self.leaks(in: outcome.everything).isEmpty, "\(arguments): \(Self.leaks(in: outcome.everything))")
            }
        }

        @Test("serve: /probe?debug, the status page, the log and the alert body show none of it")
        func serve() async throws {
            let server = try await EchoingIMAPServer.start(connections: 60)
            defer { server.stop() }
            let listener = try await WebhookListener.start()
            defer { listener.stop() }
            let workspace = try ServeWorkspace("imapwatch-echo")
            try workspace.write("password", Self.password + "\n")
            try workspace.write("hook.url", "http://127.0.0.1:\(listener.port)/hook\n")
            try workspace.write("imapwatch.yml", """
                defaults:
                  interval: 1s
                  timeout: 900ms
                  alerting: { failure_threshold: 1 }
                modules:
                  echo:
                    tls: none
                    allow_plaintext_auth: true
                    username: monitor
                    password_file: password
                    probe_hosts: [127.0.0.1]
                targets:
                  - { name: echo, host: 127.0.0.1, port: \(server.port), module: echo }
                alerts:
                  group_wait: 0s
                  receivers:
                    - { name: hook, type: slack, url_file: hook.url }

                """)
            let serve = try ServeProcess([
                "--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0",
                "--storage.path", workspace.storage, "--log.level", "debug",
            ])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")
            let end = Date().addingTimeInterval(15)
            while Date() < end, !listener.printed.contains("REQ /hook") {
                try await Task.sleep(for: .milliseconds(200))
            }
            let debug = try HTTPGet.get(
                port: port, path: "/probe?module=echo&target=127.0.0.1:\(server.port)&debug=true", timeout: 10)
            #expect(debug.status == 200)
            #expect(debug.body.contains("<redacted>"), "\(debug.body)")
            let page = try HTTPGet.get(port: port, path: "/", timeout: 10)
            #expect(page.status == 200)
            #expect(try await serve.signal(SIGTERM, waitingUpTo: 10) == 0, "\(serve.output)")

            let alerts = listener.printed.split(separator: "\n").filter { $0.hasPrefix("REQ /hook") }.compactMap { line in
                line.split(separator: " ").last.flatMap { Data(hexText: String($0)) }.map { String(decoding: $0, as: UTF8.self) }
            }
            #expect(!alerts.isEmpty, "no alert arrived: \(serve.output)")
            #expect(alerts.contains { $0.contains("auth_failed") }, "\(alerts)")
            for (surface, text) in [("/probe?debug", debug.body), ("status page", page.body), ("log", serve.output)]
                + alerts.map({ ("alert", $0) })
            {
                #expect(Self.leaks(in: text).isEmpty, "\(surface): \(Self.leaks(in: text))")
            }
        }
    }
}
