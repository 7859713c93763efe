import Config
import Foundation
import Testing

/// No webhook URL and no header value ever appears in an error, a warning or the effective configuration.
@Suite struct AlertsSecretRedactionTests {
    static let secret = "Hunter2-SECRET-7f3a"

    /// `alerts:` with one receiver made of `lines`.
    static func receiver(_ lines: String) -> String {
        AlertsInvalidTests.receiver("type: webhook\n" + lines)
    }

    @Test func aLoadedConfigurationShowsReferencesOnly() throws {
        let directory = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("https://hooks.example.org/\(Self.secret)/a\n".utf8).write(to: directory.appendingPathComponent("url"))
        try Data("Bearer \(Self.secret)-file\n".utf8).write(to: directory.appendingPathComponent("token"))
        let yaml = Self.receiver("""
            url_file: url
            headers:
              X-Inline: \(Self.secret)-inline
              X-File: {file: token}
              X-Env: {env: HOOK_TOKEN}
            """) + "  routes:\n    - receiver: other\n" + "    - receiver: r\n"
        let environment = ["HOOK_TOKEN": "\(Self.secret)-env"]
        // A route to an unknown receiver fails the load; the error shows no secret either.
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader(environment: environment).load(yaml: yaml, file: "s.yml", baseDirectory: directory.path)
        }
        #expect(!String(reflecting: error).contains(Self.secret))
        let valid = yaml.replacingOccurrences(of: "    - receiver: other\n", with: "")
        let loaded = try ConfigLoader(environment: environment)
            .load(yaml: valid, file: "s.yml", baseDirectory: directory.path)
        let text = loaded.redactedDescription
        #expect(!text.contains(Self.secret))
        #expect(text.contains("url_file: \(directory.path)/url"))
        #expect(text.contains("X-Inline: <redacted>"))
        #expect(text.contains("X-File: {file: \(directory.path)/token}"))
        #expect(text.contains("X-Env: {env: HOOK_TOKEN}"))
        #expect(!String(reflecting: loaded).contains(Self.secret))
        #expect(!"\(loaded.alerting as Any)".contains(Self.secret))
        var dumped = ""
        dump(loaded.alerting, to: &dumped)
        #expect(!dumped.contains(Self.secret))
    }

    @Test(arguments: [
        receiver("url: https://hooks.example.org/\(secret)"),  // the refused inline URL
        receiver("url: {token: \(secret)}"),
        receiver("url: [\(secret)]"),
        receiver("url_file: secrets/test.url\nheaders:\n  X-Token: \"\(secret)\\n\""),  // not one line
        receiver("url_file: secrets/test.url\nheaders:\n  Host: \(secret)"),  // reserved name
        receiver("url_file: secrets/test.url\nheaders:\n  \"X Bad\": \(secret)"),  // invalid name
        receiver("url_file: secrets/test.url\nheaders:\n  X-Token: \(secret)\n  x-token: \(secret)"),  // repeated
        receiver("url_file: secrets/test.url\nheaders:\n  X-Token: \(secret)\n  X-Token: other"),  // YAML duplicate
        receiver("url_file: secrets/test.url\nheaders:\n  X-Token: [\(secret)]"),  // wrong type
        receiver("url_file: secrets/test.url\nheaders:\n  X-Token: {value: \(secret)}"),  // not file or env
        receiver("url_file: secrets/test.url\nheaders:\n  X-Token: \(secret)\nbogus: ["),  // syntax error after it
        receiver("url_file: secrets/test.url\nheaders:\n  X-Token: \(secret)\ntimeout: 0s"),  // error beside it
    ])
    func errorsNeverShowAURLOrHeaderValue(yaml: String) throws {
        let error = try #require(throws: ConfigError.self) { try AlertsConfigTests.load(yaml) }
        #expect(!error.diagnostics.isEmpty)
        #expect(!error.description.contains(Self.secret))
        #expect(!error.warnings.map(\.description).joined().contains(Self.secret))
        #expect(!String(reflecting: error).contains(Self.secret))
    }

    @Test func theURLFileContentIsNeverInTheRendering() throws {
        let text = try Fixtures.load("valid-alerts.yml").redactedDescription
        for value in ["fixture-url-token", "fixture-header-token", "fixture-env-url", "fixture-env-password"] {
            #expect(!text.contains(value))
        }
        #expect(!text.contains("X-Scope-OrgID: mail"))
    }
}
