import ArgumentParser
import Config
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `imapwatch config check FILE`: loads the file strictly and prints the effective configuration.
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
            codes: 0 valid (warnings on standard error), 1 invalid.
            """
    )

    @Argument(help: "The YAML configuration file.")
    var file: String

    /// A command with every default; ArgumentParser fills it from the command line.
    public init() {}

    public func run() async throws {
        let loader = ConfigLoader(environment: ProcessInfo.processInfo.environment)
        do {
            let loaded = try loader.load(path: file)
            let report = ParseFailureReport(
                exitCode: 0, standardOutput: loaded.redactedDescription,
                standardError: loaded.warnings.map(\.description).joined(separator: "\n"))
            report.write()
        } catch {
            let lines = error.warnings.map(\.description) + [error.description]
            ParseFailureReport(exitCode: 1, standardOutput: "", standardError: lines.joined(separator: "\n")).write()
            throw ExitCode(1)
        }
    }
}
