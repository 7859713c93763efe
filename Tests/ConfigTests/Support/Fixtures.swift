import Config
import Foundation

/// Finds and loads the test fixtures (copied as resources) and makes scratch folders with secret files.
enum Fixtures {
    /// The environment fixtures are loaded with: one password variable and one webhook URL are set, nothing else.
    static let environment = [
        "IMAPWATCH_TEST_PASSWORD": "fixture-env-password",
        "IMAPWATCH_TEST_WEBHOOK_URL": "https://ntfy.example.org/?token=fixture-env-url",
    ]

    /// The folder holding the `*.yml` fixtures, their `secrets/` and `templates/`.
    static var directory: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw FixtureMissing(name: "Fixtures")
            }
            return url
        }
    }

    /// The text of fixture `name`.
    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Loads fixture `name`; messages name it by its bare file name.
    static func load(_ name: String, environment: [String: String] = environment) throws -> LoadedConfiguration {
        try ConfigLoader(environment: environment).load(yaml: text(name), file: name, baseDirectory: directory.path)
    }

    /// The error loading fixture `name` throws, or `nil` when it loads.
    static func error(_ name: String) throws -> ConfigError? {
        do {
            _ = try load(name)
            return nil
        } catch let error as ConfigError {
            return error
        }
    }

    /// A new empty folder under the system's temporary folder.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct FixtureMissing: Error { var name: String }
}
