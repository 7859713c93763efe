import Alerting
import ArgumentParser
import Config
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `imapwatch config check FILE [--web.config.file WEB]`: loads the file (and the web configuration, as `serve`
/// would) strictly and prints the effective configuration.
///
/// Exits 0 when the file loads (warnings, such as an inline password, go to standard error), 1 with every error
/// as `file:line:column: message (hint)` when it does not. Secrets are never printed, only their references.
public struct ConfigCheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load a configuration file strictly; print the effective configuration, secrets redacted.",
        discussion: """
            Every error is reported with the file, line and column and a hint: an unknown key, a wrong type, a \
            bad duration, a duplicate target name, a missing module, a missing secret file or variable. Exit \
            codes: 0 valid (warnings on standard error), 1 invalid. With --web.config.file the web configuration \
            serve would use is checked too (basic_auth_users with bcrypt hashes); its users are listed, never \
            their hashes.
            """
    )

    @Argument(help: "The YAML configuration file.")
    var file: String

    @Option(name: .customLong("web.config.file"), help: "Also check this web configuration file, as serve reads it.")
    var webConfigFile: String?

    /// A command with every default; ArgumentParser fills it from the command line.
    public init() {}

    public func run() async throws {
        let loader = ConfigLoader(environment: ProcessInfo.processInfo.environment)
        var errors: [String] = []
        var loaded: LoadedConfiguration?
        var web: WebConfiguration?
        do {
            loaded = try loader.load(path: file)
            // Templates are compiled as serve compiles them, so a broken one fails here and not at start.
            if let loaded { _ = try AlertReceivers.of(loaded, site: "", environment: loader.environment) }
        } catch let error as ConfigError {
            errors += error.warnings.map(\.description) + [error.description]
        } catch {
            errors += ["\(file): \(error)"]
        }
        if let webConfigFile {
            do {
                web = try WebConfigLoader().load(path: webConfigFile)
            } catch {
                errors += [error.description]
            }
        }
        guard let loaded, errors.isEmpty else {
            ParseFailureReport(exitCode: 1, standardOutput: "", standardError: errors.joined(separator: "\n")).write()
            throw ExitCode(1)
        }
        var output = loaded.redactedDescription
        if let webConfigFile, let web {
            let users = web.basicAuthUsers.keys.sorted()
            output += "\n# web configuration \(webConfigFile): "
                + (users.isEmpty ? "no basic_auth_users, endpoints open" : "basic auth for \(users.joined(separator: ", "))")
                + (web.tls.map { "; TLS from \($0.minimumVersion.rawValue) with \($0.certificateFile)" } ?? "; plain HTTP")
                + "\n"
        }
        ParseFailureReport(
            exitCode: 0, standardOutput: output,
            standardError: loaded.warnings.map(\.description).joined(separator: "\n")
        ).write()
    }
}
