import Foundation
import TestSupport
import Testing

/// Where `check` finds trusted CAs when no `--ca-file` is given: the hashed directory or a bundle file, as
/// OpenSSL's `SSL_CERT_DIR` / `SSL_CERT_FILE` say, through the real binary and the real Dovecot.
extension CLIIntegrationTests {
    @Suite("check: the system trust store", .serialized)
    struct TrustStoreTests {
        /// A directory holding the test CA under its OpenSSL subject hash (`xxxxxxxx.0`), as `update-ca-certificates`
        /// lays out `/etc/ssl/certs`.
        static func hashedDirectory(with caFile: String) throws -> URL {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("imapwatch-trust-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let hash = try subjectHash(of: caFile)
            try FileManager.default.copyItem(
                atPath: caFile, toPath: directory.appendingPathComponent("\(hash).0").path)
            return directory
        }

        /// `openssl x509 -hash`: the name OpenSSL looks a CA up by.
        static func subjectHash(of certificate: String) throws -> String {
            let run = try ToolRun.run(tool: "openssl", ["x509", "-hash", "-noout", "-in", certificate], standardError: .discarded)
            try #require(run.status == 0, "openssl x509 -hash exited \(run.status)")
            return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        @Test("a CA found lazily in the hashed directory verifies the server; an empty directory does not")
        func hashedDirectory() async throws {
            guard let env = TestDovecot.require() else { return }
            let trusted = try Self.hashedDirectory(with: env.caFile)
            let empty = try Self.hashedDirectory(with: env.caFile)
            defer {
                try? FileManager.default.removeItem(at: trusted)
                try? FileManager.default.removeItem(at: empty)
            }
            for entry in try FileManager.default.contentsOfDirectory(atPath: empty.path) {
                try FileManager.default.removeItem(at: empty.appendingPathComponent(entry))
            }
            let arguments = ["check", "-H", env.host, "-p", String(env.imapsPort), "--tls", "implicit"]
            let verified = try await ImapwatchProcess.run(arguments, environment: ["SSL_CERT_DIR": trusted.path])
            #expect(verified.code == 0, "\(verified.everything)")
            #expect(verified.standardOutput.hasPrefix("IMAP OK - "))
            // An empty directory has no hash links, so OpenSSL's default bundle is used, which lacks the test CA.
            let untrusted = try await ImapwatchProcess.run(arguments, environment: ["SSL_CERT_DIR": empty.path])
            #expect(untrusted.code == 2)
            #expect(untrusted.standardOutput.contains("certificate_untrusted"), "\(untrusted.everything)")
        }

        @Test("SSL_CERT_FILE names a bundle that is loaded whole")
        func bundleFile() async throws {
            guard let env = TestDovecot.require() else { return }
            let arguments = ["check", "-H", env.host, "-p", String(env.imapsPort), "--tls", "implicit"]
            let outcome = try await ImapwatchProcess.run(arguments, environment: ["SSL_CERT_FILE": env.caFile])
            #expect(outcome.code == 0, "\(outcome.everything)")
            #expect(outcome.standardOutput.hasPrefix("IMAP OK - "))
        }
    }
}
