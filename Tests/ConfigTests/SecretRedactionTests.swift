import Config
import Foundation
import Testing

/// A recognisable secret must never appear in an error, a warning or the effective configuration.
@Suite struct SecretRedactionTests {
    static let secret = "Hunter2-SECRET-7f3a"

    @Test func anInlinePasswordLoadsWithAWarningThatDoesNotShowIt() throws {
        let yaml = """
            targets:
              - name: a
                host: mail.example.org
                username: monitor
                password: \(Self.secret)
            """
        let loaded = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "inline.yml", baseDirectory: "/")
        #expect(loaded.warnings.map(\.description) == [
            "inline.yml:5:15: warning: password is written in the configuration file (it is accepted, but use password_file or password_env so the file can be shared)"
        ])
        #expect(!loaded.redactedDescription.contains(Self.secret))
        #expect(loaded.redactedDescription.contains("password: <redacted>"))
        #expect(!"\(loaded)".contains(Self.secret))
        #expect(!String(reflecting: loaded).contains(Self.secret))
        let target = try #require(loaded.targets.first)
        #expect(try target.probeSettings(environment: [:]).credentials?.secret.exposedValue == Self.secret)
    }

    @Test(arguments: [
        "  - name: a\n    host: h\n    password: \(secret)\n    bogus: [\n",  // syntax error after the secret
        "  - name: a\n    host: h\n    password: \(secret)\n    port: 0\n",  // semantic error beside it
        "  - name: a\n    host: h\n    password: \(secret)\n    password_file: /nonexistent\n",  // conflict
        "  - name: a\n    host: h\n    username: u\n    password: \(secret)\n    password: other\n",  // duplicate key
        "  - name: a\n    host: h\n    username: u\n    tls: none\n    password: \(secret)\n",  // plaintext
        "  - name: a\n    host: h\n    \(secret): x\n".replacingOccurrences(of: "\(secret): x", with: "password: '\(secret)'\n    interval: 1s\n    timeout: 2s"),
    ])
    func errorsNeverShowTheSecret(targets: String) throws {
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader(environment: [:]).load(yaml: "targets:\n" + targets, file: "s.yml", baseDirectory: "/")
        }
        #expect(!error.diagnostics.isEmpty)
        #expect(!error.description.contains(Self.secret))
        #expect(!error.warnings.map(\.description).joined().contains(Self.secret))
        #expect(!String(reflecting: error).contains(Self.secret))
    }

    @Test func aPasswordFileIsShownAsItsPathNotItsContent() throws {
        let directory = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("\(Self.secret)\n".utf8).write(to: directory.appendingPathComponent("pw"))
        let yaml = "targets:\n  - name: a\n    host: h\n    username: u\n    password_file: pw\n"
        let loaded = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "f.yml", baseDirectory: directory.path)
        #expect(loaded.redactedDescription.contains("password_file: \(directory.path)/pw"))
        #expect(!loaded.redactedDescription.contains(Self.secret))
        let target = try #require(loaded.targets.first)
        #expect(try target.probeSettings(environment: [:]).credentials?.secret.exposedValue == Self.secret)
    }
}
