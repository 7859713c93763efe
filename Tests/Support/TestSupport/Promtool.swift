import Foundation
import Testing

/// Runs promtool (Debian's `prometheus` package): `check metrics` on exposition text, `check rules` and
/// `test rules` on rule files.
///
/// `IMAPWATCH_REQUIRE_DOVECOT=1` is CI mode: there a missing promtool is a test failure, never a skip.
public struct Promtool: Sendable {
    /// The promtool binary.
    public let executable: URL

    /// What one check printed and how it exited.
    public struct Outcome: Sendable {
        /// promtool's exit status; 0 means the text passed.
        public var status: Int32
        /// Everything it printed (lint findings, errors).
        public var output: String
    }

    /// promtool from `PATH`, or `nil` after recording a failure (CI mode) or printing a loud skip.
    public static func require() -> Promtool? {
        RequiredTool.find("promtool", package: "prometheus").map { Promtool(executable: $0) }
    }

    /// `promtool check metrics` with `text` on standard input.
    public func checkMetrics(_ text: String) throws -> Outcome {
        try run(["check", "metrics"], input: text)
    }

    /// `promtool check rules files…`: each file parses and every expression is valid PromQL.
    public func checkRules(_ files: [String]) throws -> Outcome {
        try run(["check", "rules"] + files)
    }

    /// `promtool test rules file`: the unit tests in `file` (which names its own rule files) pass.
    public func testRules(_ file: String) throws -> Outcome {
        try run(["test", "rules", file])
    }

    /// Runs promtool with `arguments`, `input` (if any) on standard input, and collects everything it printed.
    private func run(_ arguments: [String], input text: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = text == nil ? FileHandle.nullDevice : input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        if let text {
            let writer = Thread {
                input.fileHandleForWriting.write(Data(text.utf8))
                try? input.fileHandleForWriting.close()
            }
            writer.start()
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self))
    }
}
