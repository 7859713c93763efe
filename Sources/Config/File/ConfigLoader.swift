#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Loads an imapwatch configuration file strictly: every problem is reported with file, line and column.
///
/// The loader reads the YAML node tree itself (not `Decodable`) so that every key and value keeps its position.
/// Secrets are checked, not read: a `password_file`/`token_file`/`ca_file` (and a receiver's `url_file`,
/// `template_file` and header files) must be readable and a `password_env` (`url_env`, header `env`) variable set
/// when the file loads; the secret itself is read when it is used, a password through
/// `TargetConfiguration.probeSettings(environment:)`. Relative paths are taken from the configuration file's
/// folder. The loader has no state of its own; it is safe to share.
public struct ConfigLoader: Sendable {
    /// The environment `password_env` is checked against (pass the process environment).
    public var environment: [String: String]
    /// At most this many errors are listed; `ConfigError.omitted` counts the rest.
    public var errorLimit: Int

    /// A loader checking `password_env` against `environment`.
    public init(environment: [String: String], errorLimit: Int = 20) {
        self.environment = environment
        self.errorLimit = errorLimit
    }

    /// Loads the file at `path`; messages name it as given. Throws `ConfigError` listing every error found.
    public func load(path: String) throws(ConfigError) -> LoadedConfiguration {
        let text = try ConfigFileText.read(path: path, key: "configuration")
        return try load(yaml: text, file: path, baseDirectory: FileCheck.directory(of: path))
    }

    /// Loads configuration text; `file` names it in messages and `baseDirectory` anchors relative paths.
    public func load(yaml: String, file: String, baseDirectory: String) throws(ConfigError) -> LoadedConfiguration {
        var reader = NodeReader(file: file, baseDirectory: baseDirectory, environment: environment)
        guard let root = try YAMLSyntax.compose(yaml, file: file) else {
            let problem = ConfigProblem.wrongType(key: "the file", expected: "a mapping", found: "an empty document")
            let location = SourceLocation(file: file, line: 1, column: 1)
            throw ConfigError(diagnostics: [ConfigDiagnostic(location: location, problem: problem)])
        }
        let document = reader.readDocument(root)
        var log = reader.log
        let targets = document.resolveTargets(log: &log)
        if let error = log.error(limit: errorLimit) { throw error }
        return LoadedConfiguration(
            targets: targets, warnings: log.sortedWarnings, document: document, alerting: document.alerting)
    }
}
