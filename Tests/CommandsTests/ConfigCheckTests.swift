import Foundation
import Testing

/// `imapwatch config check` through the real binary: exit codes, the effective configuration, no secret.
@Suite("imapwatch config check", .serialized)
struct ConfigCheckTests {
    /// A folder with `imapwatch.yml` (`yaml`) and a password file holding `password`.
    static func folder(yaml: String, password: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("imapwatch-config-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((password + "\n").utf8).write(to: folder.appendingPathComponent("monitor.password"))
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("imapwatch.yml"))
        return folder
    }

    @Test("a valid file: exit 0, the effective configuration with the secret as a reference only")
    func valid() async throws {
        let password = "hunter2-\(UInt32.random(in: 0...UInt32.max))"
        let folder = try Self.folder(
            yaml: """
                modules:
                  imaps_login:
                    tls: implicit
                    username: monitor@example.org
                    password_file: monitor.password
                targets:
                  - name: mail
                    host: mail.example.org
                    module: imaps_login
                    labels:
                      site: paris
                """, password: password)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("imapwatch.yml").path
        let outcome = try await ImapwatchProcess.run(["config", "check", file])
        #expect(outcome.code == 0, "\(outcome.everything)")
        #expect(outcome.standardOutput.hasPrefix("# effective configuration; secrets redacted"))
        #expect(outcome.standardOutput.contains("mail.example.org"))
        #expect(outcome.standardOutput.contains("password_file: \(folder.path)/monitor.password"))
        #expect(!outcome.everything.contains(password))
    }

    @Test("an invalid file: exit 1 and every error with file:line:column")
    func invalid() async throws {
        let folder = try Self.folder(
            yaml: """
                targets:
                  - name: mail
                    host: mail.example.org
                    interval: 60
                    tls: implict
                """, password: "x")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("imapwatch.yml").path
        let outcome = try await ImapwatchProcess.run(["config", "check", file])
        #expect(outcome.code == 1)
        #expect(outcome.standardOutput.isEmpty)
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(outcome.standardError)")
        #expect(lines.first?.hasPrefix("\(file):4:15: interval: '60' is not a duration") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("\(file):5:10: ") == true, "\(lines)")
    }

    @Test("--web.config.file: users listed without hashes; a bad web file fails with its position beside the main file's errors")
    func webConfiguration() async throws {
        let folder = try Self.folder(yaml: "targets:\n  - name: mail\n    host: mail.example.org\n", password: "x")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("imapwatch.yml").path
        let web = folder.appendingPathComponent("web.yml")
        let hash = "$2y$10$" + String(repeating: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0", count: 1)
        try Data("basic_auth_users:\n  prometheus: \(hash)\n  grafana: \(hash)\n".utf8).write(to: web)
        let valid = try await ImapwatchProcess.run(["config", "check", file, "--web.config.file", web.path])
        #expect(valid.code == 0, "\(valid.everything)")
        #expect(valid.standardOutput.contains("# web configuration \(web.path): basic auth for grafana, prometheus; plain HTTP\n"))
        #expect(!valid.everything.contains(hash))

        try Data("basic_auth_users:\n  prometheus: secret\n".utf8).write(to: web)
        try Data("targets:\n  - name: mail\n    hots: mail.example.org\n".utf8).write(
            to: folder.appendingPathComponent("imapwatch.yml"))
        let invalid = try await ImapwatchProcess.run(["config", "check", file, "--web.config.file", web.path])
        #expect(invalid.code == 1)
        #expect(invalid.standardOutput.isEmpty)
        #expect(invalid.standardError.contains("\(file):3:5: "), "\(invalid.standardError)")
        #expect(invalid.standardError.contains("\(web.path):2:15: basic_auth_users.prometheus: not a bcrypt hash"))
        #expect(!invalid.standardError.contains("secret"))
    }
}
