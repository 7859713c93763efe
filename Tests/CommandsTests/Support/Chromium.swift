import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Debian's `chromium` in headless mode: each run gets a throw-away profile and home in a temporary folder, and is
/// stopped by its own pid (SIGTERM, then SIGKILL) when it outlives its deadline.
///
/// `IMAPWATCH_REQUIRE_DOVECOT=1` is CI mode: there a missing chromium is a test failure, never a skip.
struct Chromium {
    /// The chromium binary.
    let executable: URL

    /// What one run printed and how it ended.
    struct Outcome {
        /// The exit status, or `nil` when it was killed at the deadline.
        var status: Int32?
        /// Its standard output (the DOM for `--dump-dom`).
        var output: String
        /// Its standard error.
        var errors: String
    }

    /// chromium from `PATH`, or `nil` after recording a failure (CI mode) or printing a loud skip.
    static func require() -> Chromium? {
        RequiredTool.find("chromium", package: "chromium").map { Chromium(executable: $0) }
    }

    /// The DOM of `url` after it loaded.
    func dumpDOM(_ url: String, timeout: Double = 60) async throws -> Outcome {
        try await run(["--dump-dom", url], timeout: timeout)
    }

    /// A PNG of `url` in a `width`×`height` window, written to `path`.
    func screenshot(_ url: String, to path: String, width: Int, height: Int, timeout: Double = 60) async throws -> Outcome {
        try await run(["--screenshot=\(path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url], timeout: timeout)
    }

    /// `chromium --headless=new --no-sandbox --disable-gpu arguments` with a fresh profile, waiting up to `timeout`.
    func run(_ arguments: [String], timeout: Double) async throws -> Outcome {
        let files = try OutputFiles(prefix: "imapwatch-chromium")
        let folder = files.folder
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
        ] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path  // its caches and crash dumps go to the throw-away folder too
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = files.out
        process.standardError = files.err
        try process.run()
        let start = Date()
        while process.isRunning, Date().timeIntervalSince(start) < timeout {
            try await Task.sleep(for: .milliseconds(100))
        }
        var killed = false
        if process.isRunning {
            killed = true
            kill(process.processIdentifier, SIGTERM)
            let grace = Date()
            while process.isRunning, Date().timeIntervalSince(grace) < 3 { try await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        return Outcome(
            status: killed ? nil : process.terminationStatus, output: files.standardOutput, errors: files.standardError)
    }
}
