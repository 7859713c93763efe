#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a configuration file as UTF-8 text, turning a failure into a positioned `ConfigError`.
enum ConfigFileText {
    /// The text of the file at `path`; `key` names the file's role in the message ("configuration").
    static func read(path: String, key: String) throws(ConfigError) -> String {
        let location = SourceLocation(file: path, line: 1, column: 1)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let problem = ConfigProblem.unreadableFile(key: key, path: path, reason: FileCheck.reason(error))
            throw ConfigError(diagnostics: [ConfigDiagnostic(location: location, problem: problem)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let problem = ConfigProblem.unreadableFile(key: key, path: path, reason: "not UTF-8 text")
            throw ConfigError(diagnostics: [ConfigDiagnostic(location: location, problem: problem)])
        }
        return text
    }
}
