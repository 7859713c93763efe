import Foundation
import Testing

/// Runs the built `imapwatch` executable as a subprocess, with a deadline, capturing its streams separately.
enum ImapwatchProcess {
    /// What one run printed and how it ended.
    struct Outcome: Sendable {
        var code: Int32
        var standardOutput: String
        var standardError: String
        /// Wall-clock seconds from launch to exit.
        var seconds: Double

        /// The first line of standard output: the status line for `check`.
        var statusLine: String {
            String(standardOutput.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }

        /// Standard output and standard error together, for "appears nowhere" checks.
        var everything: String { standardOutput + standardError }
    }

    /// The executable next to the test bundle, or in the package's default build folder.
    static func executable() -> URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("imapwatch"),
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("imapwatch"),
            root.appendingPathComponent(".build/debug/imapwatch"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `imapwatch arguments` with exactly `environment` (nothing inherited), killing it after `deadline`
    /// seconds. Output goes to temporary files, so a chatty child can never block on a full pipe; the wait sleeps
    /// the task instead of blocking a thread, so concurrent async tests keep the cooperative pool.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], deadline: Double = 30
    ) async throws -> Outcome {
        let url = try #require(executable(), "the imapwatch executable was not built next to the tests")
        let files = try OutputFiles(prefix: "imapwatch-cli")

        let process = Process()
        // Under nice(1), which execs the binary in place (same pid): the in-process deadline tests of other
        // targets run beside these and must keep the CPU on a small shared machine.
        let nice = URL(fileURLWithPath: "/usr/bin/nice")
        if FileManager.default.isExecutableFile(atPath: nice.path) {
            process.executableURL = nice
            process.arguments = ["-n", "10", url.path] + arguments
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = files.out
        process.standardError = files.err
        let start = Date()
        try process.run()
        while process.isRunning, Date().timeIntervalSince(start) < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("imapwatch \(arguments.joined(separator: " ")) ran past \(deadline)s and was terminated")
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        return Outcome(
            code: process.terminationStatus,
            standardOutput: files.standardOutput, standardError: files.standardError,
            seconds: seconds)
    }
}
