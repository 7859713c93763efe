import Foundation
import IMAPProtocol
import TestSupport
import Testing

/// What a hostile server's text and quota answer turn into at every surface a person reads, through the binary:
/// `probe`, `check -v` and `/probe?debug=true` show control characters as `\u{..}` escapes and never the raw
/// bytes, and keep 16 quota roots of the 3000 sent, saying how many they dropped.
extension CLIIntegrationTests {
    @Suite("a hostile server's text and quota answer at every surface", .serialized)
    struct HostileServerOutputTests {
        static let roots = 3000
        static let password = "hostile-test-pw"

        /// Runs `imapwatch command` against the server on `port`, plaintext, logging in with the test password.
        static func run(_ command: String, port: Int, _ more: [String]) async throws -> ImapwatchProcess.Outcome {
            try await ImapwatchProcess.run(
                [command, "-H", "127.0.0.1", "-p", String(port), "--tls", "none", "-u", "monitor",
                 "--allow-plaintext-auth"] + more,
                environment: ["IMAPWATCH_PASSWORD": password])
        }

        /// Every scalar of `text` that is not shown as is, other than the line feeds between lines.
        static func rawControls(_ text: String) -> [String] {
            text.unicodeScalars.filter { !$0.isDisplayable && $0 != "\n" }.map { "U+\(String($0.value, radix: 16))" }
        }

        @Test("probe: greeting, quota roots and transcript escaped; 16 roots kept, 2984 counted")
        func probe() async throws {
            let server = try await HostileIMAPServer.start(roots: Self.roots, connections: 2)
            defer { server.stop() }
            let outcome = try await Self.run("probe", port: server.port, ["--transcript"])
            #expect(outcome.code == 0, "\(outcome.everything)")
            let text = outcome.standardOutput
            #expect(Self.rawControls(outcome.everything).isEmpty, "raw: \(Self.rawControls(outcome.everything))")
            #expect(text.contains("\ngreeting:     \(HostileIMAPServer.greetingShown)\n"), "\(text)")
            #expect(text.contains("\nquota:        '\(HostileIMAPServer.rootShown)' STORAGE: "), "\(text)")
            #expect(text.contains("\nquota:        '\(HostileIMAPServer.literalRootShown)' STORAGE: "), "\(text)")
            let rootLines = text.split(separator: "\n").filter { $0.hasPrefix("quota:        '") && $0.contains(" STORAGE: ") }
            #expect(rootLines.count == 16)
            #expect(text.contains("\nquota:        2984 more roots not kept (at most 16 roots of 8 resources each)\n"))
            #expect(text.contains(#"S: * OK [CAPABILITY IMAP4rev1 QUOTA] \#(HostileIMAPServer.greetingShown)"#), "\(text)")
            #expect(!text.contains(Self.password))

            let json = try await Self.run("probe", port: server.port, ["--json"])
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            #expect(object["quotaRootsDropped"] as? Int == 2984)
            #expect((object["quota"] as? [[String: Any]])?.first?["root"] as? String == HostileIMAPServer.rootShown)
        }

        @Test("check -v: the long output escaped, the dropped roots counted")
        func check() async throws {
            let server = try await HostileIMAPServer.start(roots: Self.roots, connections: 1)
            defer { server.stop() }
            let outcome = try await Self.run("check", port: server.port, ["-v"])
            #expect(outcome.code == 0, "\(outcome.everything)")
            #expect(Self.rawControls(outcome.everything).isEmpty, "raw: \(Self.rawControls(outcome.everything))")
            let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("IMAP OK - ") == true, "\(outcome.standardOutput)")
            #expect(lines.contains("quota '\(HostileIMAPServer.rootShown)' STORAGE: 10.0 KiB of 100.0 KiB (10%)"))
            #expect(lines.contains("quota: 2984 more roots not kept (at most 16 roots of 8 resources each)"))
            #expect(lines.filter { $0.hasPrefix("quota '") && $0.contains(" STORAGE: ") }.count == 16)
        }

        @Test("/probe?debug=true: the report escaped, the metrics with 16 roots and the dropped count")
        func probeEndpoint() async throws {
            let server = try await HostileIMAPServer.start(roots: Self.roots, connections: 2)
            defer { server.stop() }
            let workspace = try ServeWorkspace("imapwatch-hostile")
            try workspace.write("imapwatch.yml", """
                defaults:
                  timeout: 5s
                modules:
                  plain_login:
                    tls: none
                    allow_plaintext_auth: true
                    username: monitor
                    password_env: IMAPWATCH_TEST_HOSTILE_PASSWORD
                    probe_hosts: [127.0.0.1]
                targets:
                  - name: closed
                    host: 127.0.0.1
                    port: \(try HTTPGet.closedPort())

                """)
            let serve = try ServeProcess(
                ["--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0"],
                environment: ["IMAPWATCH_TEST_HOSTILE_PASSWORD": Self.password])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")
            let path = "/probe?module=plain_login&target=127.0.0.1:\(server.port)"

            let debug = try HTTPGet.get(port: port, path: path + "&debug=true", timeout: 10)
            #expect(debug.status == 200, "\(debug.body)")
            #expect(Self.rawControls(debug.body).isEmpty, "raw: \(Self.rawControls(debug.body))")
            #expect(debug.body.contains("\ngreeting:     \(HostileIMAPServer.greetingShown)\n"))
            #expect(debug.body.contains("\nquota:        2984 more roots not kept"))

            let metrics = try HTTPGet.get(port: port, path: path, timeout: 10)
            #expect(metrics.status == 200, "\(metrics.body)")
            let usage = metrics.body.split(separator: "\n").filter { $0.hasPrefix("imap_quota_usage_bytes{") }
            #expect(usage.count == 16, "\(usage.count) roots exported")
            #expect(usage.contains { $0.contains(#"root="\#(HostileIMAPServer.rootShown.replacingOccurrences(of: "\\", with: "\\\\"))""#) })
            let dropped = metrics.body.split(separator: "\n").first { $0.hasPrefix("imap_quota_roots_dropped{") }
            #expect(dropped?.hasSuffix(" 2984.0") == true, "\(metrics.body)")
            #expect(Self.rawControls(metrics.body).isEmpty)
            #expect(try await serve.signal(SIGTERM, waitingUpTo: 8) == 0, "\(serve.output)")
        }
    }
}
