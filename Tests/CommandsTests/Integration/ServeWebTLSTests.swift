import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `imapwatch serve` with `tls_server_config`: a throw-away CA and server certificate made with the `openssl`
/// CLI, and `curl --cacert` as the client. None of it needs Dovecot: the one target points at a closed port.
extension CLIIntegrationTests {
    @Suite("serve over TLS", .serialized)
    struct ServeWebTLSTests {
        let password = "Scrape-\(UUID().uuidString.prefix(8))"

        /// `openssl` failed while a test prepared its files.
        struct ToolFailure: Error {
            var output: String
        }

        /// The `openssl` steps that write a new key to `server.key` and a certificate for it, signed by the test CA,
        /// to `server.pem`.
        static func serverPair(subject: String) -> [[String]] {
            [
                ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", "server.key", "-out", "server.csr", "-subj", subject],
                ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                 "-out", "server.pem", "-days", "2", "-extfile", "san.cnf"],
            ]
        }

        /// Runs each `openssl` step in `folder`; throws with its output at the first that fails.
        static func openssl(_ openssl: URL, _ steps: [[String]], in folder: URL) throws {
            for step in steps {
                let result = try ToolRun.run(openssl, step, in: folder)
                guard result.status == 0 else { throw ToolFailure(output: result.output) }
            }
        }

        /// A scratch folder with a CA (`ca.pem`), a server certificate for 127.0.0.1 signed by it (`server.pem`,
        /// `server.key`), a key of another pair (`other.key`), `imapwatch.yml` and `web.yml` holding `web`.
        func workspace(openssl: URL, web: String) throws -> URL {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-webtls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("subjectAltName=DNS:localhost,IP:127.0.0.1\n".utf8).write(to: folder.appendingPathComponent("san.cnf"))
            let newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
            try Self.openssl(
                openssl,
                [["req", "-x509"] + newKey + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=imapwatch web test CA"]]
                    + Self.serverPair(subject: "/CN=localhost")
                    + [["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", "other.key"]],
                in: folder)
            try Data(ServeWorkspace.closedPortConfiguration().utf8).write(to: folder.appendingPathComponent("imapwatch.yml"))
            try Data(web.utf8).write(to: folder.appendingPathComponent("web.yml"))
            return folder
        }

        /// `serve` on the workspace's two files, listening on a free loopback port; the process and that port.
        static func serve(in folder: URL) async throws -> (ServeProcess, Int) {
            let serve = try ServeProcess([
                "--config", folder.appendingPathComponent("imapwatch.yml").path,
                "--web.config.file", folder.appendingPathComponent("web.yml").path,
                "--web.listen-address", "127.0.0.1:0",
            ])
            guard let port = try await serve.listeningPort(within: 20) else {
                serve.stop()
                throw ToolFailure(output: "serve did not log its address: \(serve.output)")
            }
            return (serve, port)
        }

        /// `curl` on `https://127.0.0.1:port/metrics` (or `scheme://`) trusting the test CA; the HTTP status
        /// curl printed, or its exit status when it failed before one.
        static func curl(_ curl: URL, port: Int, folder: URL, scheme: String = "https", extra: [String] = []) throws -> ToolRun {
            try ToolRun.run(
                curl,
                ["-sS", "--max-time", "10", "--cacert", "ca.pem", "-o", "/dev/null", "-w", "%{http_code}"] + extra
                    + ["\(scheme)://127.0.0.1:\(port)/metrics"],
                in: folder)
        }

        @Test("curl --cacert: 200 with the password, 401 without; plain HTTP and TLS 1.2 refused at TLS13")
        func httpsThroughTheBinary() async throws {
            guard let htpasswd = Htpasswd.require(), let openssl = RequiredTool.find("openssl", package: "openssl"),
                let curl = RequiredTool.find("curl", package: "curl")
            else { return }
            let hash = try htpasswd.bcryptHash(user: "prometheus", password: password, cost: 10)
            let folder = try workspace(
                openssl: openssl,
                web: """
                    basic_auth_users:
                      prometheus: \(hash)
                    tls_server_config:
                      cert_file: server.pem
                      key_file: server.key
                      min_version: TLS13

                    """)
            defer { try? FileManager.default.removeItem(at: folder) }
            let (serve, port) = try await Self.serve(in: folder)
            defer { serve.stop() }

            let scrape = try Self.curl(curl, port: port, folder: folder, extra: ["-u", "prometheus:\(password)"])
            #expect(scrape.status == 0 && scrape.output == "200", "\(scrape.output)")
            let wrong = try Self.curl(curl, port: port, folder: folder, extra: ["-u", "prometheus:wrong"])
            #expect(wrong.status == 0 && wrong.output == "401", "\(wrong.output)")

            let plain = try Self.curl(curl, port: port, folder: folder, scheme: "http", extra: ["-u", "prometheus:\(password)"])
            #expect(plain.status != 0, "plain HTTP to the TLS port answered: \(plain.output)")
            #expect(!plain.output.hasPrefix("200"))

            let old = try Self.curl(
                curl, port: port, folder: folder, extra: ["--tlsv1.2", "--tls-max", "1.2", "-u", "prometheus:\(password)"])
            #expect(old.status == 35, "TLS 1.2 was not refused: \(old.output)")  // 35: SSL connect error
            #expect(old.output.contains("protocol version"), "\(old.output)")

            // The server still answers after the refused handshakes.
            #expect(try Self.curl(curl, port: port, folder: folder, extra: ["-u", "prometheus:\(password)"]).output == "200")
            #expect(!serve.output.contains(password))
        }

        /// The subject of the certificate the server on `port` presents, as `openssl s_client -brief` prints it
        /// ("CN = localhost"), after checking it chains to the test CA; `nil` when the handshake failed.
        static func servedSubject(_ openssl: URL, port: Int, folder: URL) throws -> String? {
            let result = try ToolRun.run(
                openssl,
                ["s_client", "-brief", "-connect", "127.0.0.1:\(port)", "-CAfile", "ca.pem", "-verify_return_error"],
                in: folder)
            guard result.status == 0 else { return nil }
            let line = result.output.split(separator: "\n").first { $0.hasPrefix("Peer certificate: ") }
            return line.map { String($0.dropFirst("Peer certificate: ".count)) }
        }

        /// Waits up to `seconds` for the `n`th line of serve's log containing `message`.
        static func waitForLog(_ serve: ServeProcess, _ message: String, count n: Int, within seconds: Double) async throws -> Bool {
            let start = Date()
            while Date().timeIntervalSince(start) < seconds {
                if serve.output.components(separatedBy: message).count - 1 >= n { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            return false
        }

        @Test("SIGHUP: a renewed certificate is served from the next connection; a key that does not match is rejected")
        func certificateReload() async throws {
            guard let openssl = RequiredTool.find("openssl", package: "openssl"),
                let curl = RequiredTool.find("curl", package: "curl")
            else { return }
            let folder = try workspace(openssl: openssl, web: "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (serve, port) = try await Self.serve(in: folder)
            defer { serve.stop() }
            #expect(try Self.servedSubject(openssl, port: port, folder: folder) == "CN = localhost")

            // Renewal the way an ACME client does it: a new key and certificate written over the same two files.
            try Self.openssl(openssl, Self.serverPair(subject: "/CN=renewed"), in: folder)
            // Before the reload the old pair is still served: the files are read at start and at reloads only.
            #expect(try Self.servedSubject(openssl, port: port, folder: folder) == "CN = localhost")
            kill(serve.pid, SIGHUP)
            #expect(try await Self.waitForLog(serve, "msg=\"configuration reloaded\"", count: 1, within: 20), "\(serve.output)")
            #expect(try Self.servedSubject(openssl, port: port, folder: folder) == "CN = renewed")
            #expect(try Self.curl(curl, port: port, folder: folder).output == "200")
            // The default minimum is TLS 1.2: a client that offers no more is served.
            #expect(try Self.curl(curl, port: port, folder: folder, extra: ["--tlsv1.2", "--tls-max", "1.2"]).output == "200")

            // A key of another pair: the reload is rejected and the renewed pair stays in service.
            try FileManager.default.removeItem(at: folder.appendingPathComponent("server.key"))
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent("other.key"), to: folder.appendingPathComponent("server.key"))
            kill(serve.pid, SIGHUP)
            #expect(
                try await Self.waitForLog(serve, "msg=\"configuration reload rejected; the previous configuration keeps running\"", count: 1, within: 20),
                "\(serve.output)")
            #expect(serve.output.contains("does not match the certificate"), "\(serve.output)")
            #expect(try Self.servedSubject(openssl, port: port, folder: folder) == "CN = renewed")
            let metrics = try ToolRun.run(
                curl, ["-sS", "--max-time", "10", "--cacert", "ca.pem", "https://127.0.0.1:\(port)/metrics"], in: folder)
            #expect(metrics.output.contains("\nimapwatch_config_last_reload_successful 0.0\n"), "\(metrics.output.prefix(2000))")
            #expect(serve.process.isRunning)
            #expect(!serve.output.contains("BEGIN"), "key or certificate material in the log")
        }

        @Test("a key that does not match the certificate: exit 1 naming both files, nothing served")
        func mismatchedKeyRefusesToStart() async throws {
            guard let openssl = RequiredTool.find("openssl", package: "openssl") else { return }
            let folder = try workspace(
                openssl: openssl, web: "tls_server_config:\n  cert_file: server.pem\n  key_file: other.key\n")
            defer { try? FileManager.default.removeItem(at: folder) }
            let web = folder.appendingPathComponent("web.yml").path
            let outcome = try await ImapwatchProcess.run(
                [
                    "serve", "--config", folder.appendingPathComponent("imapwatch.yml").path, "--web.config.file", web,
                    "--web.listen-address", "127.0.0.1:0",
                ], deadline: 20)
            #expect(outcome.code == 1)
            let key = folder.appendingPathComponent("other.key").path
            let certificate = folder.appendingPathComponent("server.pem").path
            #expect(outcome.standardError.hasPrefix(
                "\(web): tls_server_config: the private key in \(key) does not match the certificate in \(certificate) ("),
                "\(outcome.standardError)")
            #expect(!outcome.standardError.contains("listening"))
        }
    }
}
