import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `imapwatch` root command: `check`, `probe`, `config`, `serve` and `alert`.
///
/// Start it with `start()`, not ArgumentParser's `main()`, so that `check`, a Monitoring Plugins plugin, exits 3 (UNKNOWN) with an
/// `IMAP UNKNOWN - ...` line on a usage error instead of ArgumentParser's 64.
public struct Imapwatch: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "imapwatch",
        abstract: "Watch IMAP servers: login, mailbox, certificate and quota, every phase timed.",
        version: ImapwatchVersion.current,
        subcommands: [CheckCommand.self, ProbeCommand.self, ConfigCommand.self, ServeCommand.self, AlertCommand.self]
    )

    /// The root command; it only dispatches to its subcommands.
    public init() {}

    /// The text to print for `arguments` (the process's, without its name) when they ask only for what needs no
    /// parsing: `--version`. Answered before the argument parser builds its tree of every subcommand (most of
    /// the start-up's CPU); `nil` for anything else.
    public static func immediateAnswer(to arguments: some Collection<String>) -> String? {
        arguments.count == 1 && arguments.first == "--version" ? ImapwatchVersion.current : nil
    }

    /// Parses the process's arguments, runs the chosen subcommand and exits with its code.
    public static func start() async -> Never {
        let outcome = await execute(Array(CommandLine.arguments.dropFirst()))
        Glibc.exit(outcome)
    }

    /// The command `arguments` ask for. `check`, which a monitoring system starts every few minutes per service,
    /// is parsed on its own: the same options, errors and help, without building every other subcommand's parser.
    public static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        if arguments.first == CheckCommand.configuration.commandName {
            return try CheckCommand.parseAsRoot(Array(arguments.dropFirst()))
        }
        return try parseAsRoot(arguments)
    }

    /// Parses `arguments` and runs the subcommand; returns the exit code. Usage errors go through
    /// `ParseFailureReport` (exit 3 and a status line for `check`).
    public static func execute(_ arguments: [String]) async -> Int32 {
        var command: any ParsableCommand
        do {
            command = try parse(arguments)
        } catch {
            let report = ParseFailureReport(error: error, arguments: arguments)
            report.write()
            return report.exitCode
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let report = ParseFailureReport(error: error, arguments: arguments)
            report.write()
            return report.exitCode
        }
    }
}
