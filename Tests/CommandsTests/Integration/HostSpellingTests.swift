import Foundation
import TestSupport
import Testing

/// One strict host type at every entry point, through the binary: `/probe?target=` refuses every spelling that
/// is not a name or an address before any connection (so a module's credentials never reach a host outside its
/// `probe_hosts`, however the name is dressed up), and `check -H`/`--sni` refuse them with exit 3.
extension CLIIntegrationTests {
    @Suite("one host type: /probe targets and -H/--sni spellings", .serialized)
    struct HostSpellingTests {
        /// Spellings that are not hosts: each is 400 on `/probe`, before any connection.
        static let refusedTargets = [
            "localhost%00.example.org", "127.0.0.1%00.example.org", "mail.attacker.net%00.example.org",
            "localhost%09.example.org", "a.example.org%0d%0a", "a%20.example.org", "a%25.example.org",
            "a.example.org%23", "a.example.org%3Fx", "a%5C.example.org", "a%2F.example.org", "user%40a.example.org",
            "a_b.example.org", "a..example.org", "-a.example.org", "b%C3%BCcher.example.org", "0x7f.1", "2130706433",
            "127.1", "[::1%25lo]", "[127.0.0.1]",
        ]

        @Test("/probe: a target that is not a host is 400 and never reaches the server; valid spellings work")
        func probeTargets() async throws {
            guard let env = TestDovecot.require() else { return }
            let counter = try await ConnectionCounter.start()
            defer { counter.stop() }
            let workspace = try ServeWorkspace("imapwatch-hosts")
            try workspace.write("imapwatch.yml", """
                defaults:
                  timeout: 2s
                  ca_file: \(env.caFile)
                modules:
                  counted:
                    tls: implicit
                    port: \(counter.port)
                    username: \(env.user)
                    password_file: \(env.passwordFile)
                    probe_hosts: ["*.example.org"]
                  dovecot:
                    tls: implicit
                    port: \(env.imapsPort)
                    sni: IMAP.Example.TEST.
                    username: \(env.user)
                    password_file: \(env.passwordFile)
                    probe_hosts: [LOCALHOST, 127.0.0.1, "::1"]
                targets:
                  - { name: dovecot, host: \(env.host), module: dovecot }

                """)
            let serve = try ServeProcess(["--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0"])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")

            for spelling in Self.refusedTargets {
                let answer = try HTTPGet.get(port: port, path: "/probe?module=counted&target=\(spelling):\(counter.port)")
                #expect(answer.status == 400, "\(spelling): \(answer.status) \(answer.body)")
                #expect(answer.body.contains("is not a host name or address"), "\(spelling): \(answer.body)")
            }
            // A valid name outside the allowed domain is 403, also before any connection.
            let outside = try HTTPGet.get(port: port, path: "/probe?module=counted&target=a.example.org.attacker.net")
            #expect(outside.status == 403, "\(outside.body)")
            #expect(ConnectionCounter.accepted(counter) == 0, "\(counter.printed)")

            // Forms that must work, against the real Dovecot: upper case, a trailing dot, an IPv4 address with a
            // port, and an IPv6 address in brackets (allowed; nothing listens on ::1, so the probe fails to connect).
            for (target, success) in [
                ("LOCALHOST", 1.0), ("localhost.:\(env.imapsPort)", 1), ("127.0.0.1:\(env.imapsPort)", 1), ("[::1]", 0),
            ] {
                let answer = try HTTPGet.get(port: port, path: "/probe?module=dovecot&target=\(target)")
                #expect(answer.status == 200, "\(target): \(answer.body)")
                let line = answer.body.split(separator: "\n").first { $0.hasPrefix("imap_probe_success{") }
                #expect(line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } == success,
                        "\(target): \(answer.body)")
            }
            #expect(try await serve.signal(SIGTERM, waitingUpTo: 8) == 0, "\(serve.output)")
        }

        @Test("check: -H and --sni that are not hosts are UNKNOWN (exit 3); upper case, brackets and a trailing dot work")
        func commandLine() async throws {
            guard let env = TestDovecot.require() else { return }
            for (arguments, message) in [
                (["-H", "mail%.example.org"],
                 "-H/--hostname: 'mail%.example.org' is not a host name or address: '%' is not allowed in a name"),
                (["-H", "mail.example.org:993"], "-H/--hostname: 'mail.example.org:993' is not a host name or address: ':'"),
                (["-H", "[127.0.0.1]"], "-H/--hostname: '[127.0.0.1]' is not a host name or address: the text in brackets"),
                (["-H", ""], "-H/--hostname: '' is not a host name or address: it is empty"),
                (["-H", env.host, "--sni", ""], "--sni: '' is not a host name or address: it is empty"),
                (["-H", env.host, "--sni", "a b"], "--sni: 'a b' is not a host name or address: it contains a space"),
            ] {
                let outcome = try await ImapwatchProcess.run(["check", "-p", String(env.imapsPort)] + arguments)
                #expect(outcome.code == 3, "\(arguments): \(outcome.everything)")
                #expect(outcome.statusLine.hasPrefix("IMAP UNKNOWN - \(message)"), "\(outcome.everything)")
            }
            for host in ["LOCALHOST", "localhost.", "127.0.0.1"] {
                let outcome = try await ImapwatchProcess.run(
                    ["check"] + env.target(host: host, port: env.imapsPort) + env.login + ["--sni", "IMAP.EXAMPLE.TEST"])
                #expect(outcome.code == 0, "\(host): \(outcome.everything)")
            }
        }
    }
}
