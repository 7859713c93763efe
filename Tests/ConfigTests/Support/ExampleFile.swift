import Config
import Foundation

/// `packaging/imapwatch.example.yml`, with a scratch folder holding every file it references.
enum ExampleFile {
    /// The secret files the example names, relative to its folder.
    static let secrets = [
        "secrets/monitor.password", "secrets/monitor.token", "secrets/slack.url", "secrets/mattermost.url",
        "secrets/rocketchat.url", "secrets/discord.url", "secrets/teams.url", "secrets/googlechat.url",
        "secrets/ntfy.url", "secrets/ntfy.auth", "secrets/webhook.url", "secrets/alertmanager.url",
        "secrets/opsgenie.url", "secrets/flow.password",
    ]

    /// The environment the example needs.
    static let environment = ["IMAPWATCH_MONITOR_PASSWORD": "x"]

    /// The example's text.
    static func text() throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: repository.appendingPathComponent("packaging/imapwatch.example.yml"), encoding: .utf8)
    }

    /// A new scratch folder with a placeholder for every file the example references (the real template is
    /// packaging's own; the loader only checks that it is readable). The caller removes it.
    static func directory() throws -> URL {
        let directory = try Fixtures.scratchDirectory()
        for folder in ["secrets", "templates"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for name in secrets {
            try Data("x\n".utf8).write(to: directory.appendingPathComponent(name))
        }
        try Data("{}\n".utf8).write(to: directory.appendingPathComponent("templates/example.json.mustache"))
        return directory
    }

    /// Loads `text` as the example beside the files in `directory`.
    static func load(_ text: String, in directory: URL) throws -> LoadedConfiguration {
        try ConfigLoader(environment: environment)
            .load(yaml: text, file: "imapwatch.example.yml", baseDirectory: directory.path)
    }

    /// `text` with the commented-out block `key:` (a line `# key:` and the `#   ` lines under it, at one
    /// indentation) turned into YAML.
    static func uncommenting(_ key: String, in text: String) -> String {
        var inBlock = false
        var indentation = ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let leading = String(line.prefix { $0 == " " })
            let rest = line.dropFirst(leading.count)
            if rest.hasPrefix("# \(key):") {
                inBlock = true
                indentation = leading
            } else if !(inBlock && leading == indentation && rest.hasPrefix("#   ")) {
                inBlock = false
            }
            return inBlock ? leading + rest.dropFirst(2) : String(line)
        }
        return lines.joined(separator: "\n")
    }
}
