import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `imapwatch serve --web.config.file` as a subprocess: Basic authentication with a hash made by htpasswd, gzip,
/// the build revision in `imapwatch_build_info`, and an invalid web configuration refused before anything starts.
/// None of it needs Dovecot: the one target points at a closed port.
extension CLIIntegrationTests {
    @Suite("serve with a web configuration", .serialized)
    struct ServeWebConfigTests {
        let password = "Scrape-\(UUID().uuidString.prefix(8))"

        /// A scratch folder with `imapwatch.yml` (one target on a closed port) and `web.yml` holding `web`.
        func files(web: String) throws -> (folder: URL, config: URL, web: URL) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-web-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let config = folder.appendingPathComponent("imapwatch.yml")
            try Data(ServeWorkspace.closedPortConfiguration().utf8).write(to: config)
            let webFile = folder.appendingPathComponent("web.yml")
            try Data(web.utf8).write(to: webFile)
            return (folder, config, webFile)
        }

        static func basic(_ user: String, _ password: String) -> [String: String] {
            ["Authorization": "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
        }

        @Test("401 without or with wrong credentials, 200 with them; gzip; the git revision; SIGTERM exits 0")
        func basicAuthThroughTheBinary() async throws {
            guard let htpasswd = Htpasswd.require() else { return }
            let hash = try htpasswd.bcryptHash(user: "prometheus", password: password, cost: 10)
            let files = try files(web: "basic_auth_users:\n  prometheus: \(hash)\n")
            defer { try? FileManager.default.removeItem(at: files.folder) }

            let serve = try ServeProcess([
                "--config", files.config.path, "--web.config.file", files.web.path,
                "--web.listen-address", "127.0.0.1:0",
            ])
            defer { serve.stop() }
            let port = try #require(
                try await serve.listeningPort(within: 20), "serve did not log its address: \(serve.output)")

            let anonymous = try HTTPGet.get(port: port, path: "/metrics")
            #expect(anonymous.status == 401)
            #expect(anonymous.header("WWW-Authenticate") == #"Basic realm="imapwatch""#)
            #expect(try HTTPGet.get(port: port, path: "/-/healthy").status == 401)
            let wrong = try HTTPGet.get(port: port, path: "/metrics", headers: Self.basic("prometheus", "nope"))
            #expect(wrong.status == 401)
            #expect(try HTTPGet.get(port: port, path: "/metrics", headers: Self.basic("nobody", password)).status == 401)

            let scrape = try HTTPGet.get(port: port, path: "/metrics", headers: Self.basic("prometheus", password))
            #expect(scrape.status == 200)
            #expect(scrape.header("Vary") == "Accept-Encoding")
            #expect(scrape.header("Content-Encoding") == nil)
            let revision = try GitCheckout.expectedRevision()
            #expect(
                scrape.body.contains(#"imapwatch_build_info{version="0.1.0",revision="\#(revision)"} 1"#),
                "\(scrape.body.split(separator: "\n").filter { $0.contains("build_info") })")
            #expect(try HTTPGet.get(port: port, path: "/-/ready", headers: Self.basic("prometheus", password)).status == 200)

            var gzipHeaders = Self.basic("prometheus", password)
            gzipHeaders["Accept-Encoding"] = "gzip"
            let compressed = try HTTPGet.get(port: port, path: "/metrics", headers: gzipHeaders)
            #expect(compressed.status == 200)
            #expect(compressed.header("Content-Encoding") == "gzip")
            #expect(compressed.body.utf8.first == 0x1f)

            // POST /-/reload reads the web configuration again: a broken one is refused and the old users stay,
            // a new one replaces them.
            try Data("basic_auth_users:\n  grafana: not-a-hash\n".utf8).write(to: files.web)
            let rejected = try HTTPGet.request(
                "POST", port: port, path: "/-/reload", headers: Self.basic("prometheus", password))
            #expect(rejected.status == 500)
            #expect(rejected.body.contains("web.yml:2:12"), "\(rejected.body)")
            #expect(try HTTPGet.get(port: port, path: "/metrics", headers: Self.basic("prometheus", password)).status == 200)
            let other = "Other-\(UUID().uuidString.prefix(8))"
            let otherHash = try htpasswd.bcryptHash(user: "grafana", password: other, cost: 10)
            try Data("basic_auth_users:\n  grafana: \(otherHash)\n".utf8).write(to: files.web)
            let accepted = try HTTPGet.request(
                "POST", port: port, path: "/-/reload", headers: Self.basic("prometheus", password))
            #expect(accepted.status == 200, "\(accepted.body)")
            #expect(try HTTPGet.get(port: port, path: "/metrics", headers: Self.basic("prometheus", password)).status == 401)
            #expect(try HTTPGet.get(port: port, path: "/metrics", headers: Self.basic("grafana", other)).status == 200)

            let status = try await serve.signal(SIGTERM, waitingUpTo: 8)
            #expect(status == 0, "serve did not exit 0 within 8 s after SIGTERM: \(serve.output)")
            #expect(serve.output.contains("msg=\"web configuration loaded\""), "\(serve.output)")
            #expect(!serve.output.contains(password))
            #expect(!serve.output.contains(other))
        }

        @Test("an invalid web configuration: exit 1 with file:line:column on standard error, nothing served")
        func invalidWebConfiguration() async throws {
            let files = try files(web: "basic_auth_users:\n  prometheus: plaintext\ntls_server_config:\n  cert_file: a\n")
            defer { try? FileManager.default.removeItem(at: files.folder) }
            let outcome = try await ImapwatchProcess.run(
                [
                    "serve", "--config", files.config.path, "--web.config.file", files.web.path,
                    "--web.listen-address", "127.0.0.1:0",
                ], deadline: 20)
            #expect(outcome.code == 1)
            #expect(outcome.standardOutput == "")
            let lines = outcome.standardError.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("\(files.web.path):2:15: basic_auth_users.prometheus: not a bcrypt hash") }, "\(lines)")
            #expect(lines.contains { $0 == "\(files.web.path):3:1: tls_server_config needs 'key_file'" }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("\(files.web.path):4:14: tls_server_config.cert_file: cannot read a: no such file") }, "\(lines)")
            #expect(!outcome.standardError.contains("plaintext"))
            #expect(!outcome.standardError.contains("listening"))
        }
    }
}
