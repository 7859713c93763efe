import Foundation

/// A command-line tool (openssl, git, htpasswd, python3…) run to its end: its exit status and what it printed.
/// Standard input is empty; the output is read before waiting, so a tool that prints more than a pipe holds
/// cannot block.
public struct ToolRun: Sendable {
    /// What a finished run printed on standard error when it was not kept.
    public enum StandardError: Sendable {
        /// Standard error goes into `output` with standard output.
        case merged
        /// Standard error is thrown away; `output` is standard output only.
        case discarded
    }

    /// The tool's exit status.
    public var status: Int32
    /// Standard output, and standard error when merged.
    public var output: String

    /// Runs `executable arguments` in `folder` (the current folder when `nil`) and waits for it.
    public static func run(
        _ executable: URL, _ arguments: [String], in folder: URL? = nil, standardError: StandardError = .merged
    ) throws -> ToolRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        process.standardError = standardError == .merged ? output : FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return ToolRun(status: process.terminationStatus, output: printed)
    }

    /// Runs `name` found on `PATH` through `/usr/bin/env`.
    public static func run(
        tool name: String, _ arguments: [String], in folder: URL? = nil, standardError: StandardError = .merged
    ) throws -> ToolRun {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, in: folder, standardError: standardError)
    }
}
