#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What to print and which code to exit with when parsing (or a command's `run`) throws.
///
/// For `check` every usage error becomes `IMAP UNKNOWN - <message>` on standard output with exit code 3, and
/// help also exits 3 (as Monitoring Plugins' own plugins do). `ExitCode` passes through. For other subcommands
/// ArgumentParser's behaviour is kept (message on standard error, exit 64, help exits 0).
public struct ParseFailureReport: Sendable {
    /// The code to exit with.
    public var exitCode: Int32
    /// Text for standard output (may be empty).
    public var standardOutput: String
    /// Text for standard error (may be empty).
    public var standardError: String

    /// Classifies `error`, thrown for `arguments` (without the program name).
    public init(error: any Error, arguments: [String]) {
        // An ExitCode (how `check` ends every probe) first: ArgumentParser's exitCode(for:) builds the parser's
        // tree of every command again to classify an error.
        if let exit = error as? ExitCode {
            self.init(exitCode: exit.rawValue, standardOutput: "", standardError: "")
            return
        }
        let code = Imapwatch.exitCode(for: error).rawValue
        let isCheck = arguments.first == CheckCommand.configuration.commandName
        if isCheck, code == 0 {
            self.init(exitCode: 3, standardOutput: Imapwatch.fullMessage(for: error), standardError: "")
        } else if isCheck {
            let message = Imapwatch.message(for: error)
            let text = NagiosReport.unknown(message.isEmpty ? "invalid arguments" : message)
                + "\nUsage: see 'imapwatch check --help'"
            self.init(exitCode: 3, standardOutput: text, standardError: "")
        } else if code == 0 {
            self.init(exitCode: 0, standardOutput: Imapwatch.fullMessage(for: error), standardError: "")
        } else {
            self.init(exitCode: code, standardOutput: "", standardError: Imapwatch.fullMessage(for: error))
        }
    }

    /// A report with these parts.
    public init(exitCode: Int32, standardOutput: String, standardError: String) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Prints the parts to their streams, each ending in a newline.
    public func write() {
        if !standardOutput.isEmpty { print(standardOutput) }
        if !standardError.isEmpty {
            let line = Array((standardError + "\n").utf8)
            line.withUnsafeBytes { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
        }
    }
}
