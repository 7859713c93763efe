import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running `imapwatch serve` child: started with exactly the given environment, output to temporary files,
/// stopped by its own pid.
final class ServeProcess {
    let process = Process()
    private let files: OutputFiles

    /// Starts `imapwatch serve arguments`; throws when the binary is missing or cannot start. With
    /// `softOpenFilesLimit`, util-linux's `prlimit` starts it with that soft limit on open files (it then execs
    /// the binary, so the pid stays the server's).
    init(_ arguments: [String], environment: [String: String] = [:], softOpenFilesLimit: Int? = nil) throws {
        let url = try #require(ImapwatchProcess.executable(), "the imapwatch executable was not built next to the tests")
        files = try OutputFiles(prefix: "imapwatch-serve")
        if let softOpenFilesLimit {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--nofile=\(softOpenFilesLimit):", "--", url.path, "serve"] + arguments
        } else {
            process.executableURL = url
            process.arguments = ["serve"] + arguments
        }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = files.out
        process.standardError = files.err
        try process.run()
    }

    deinit {
        stop()
    }

    var pid: pid_t { process.processIdentifier }

    /// Everything the child wrote so far.
    var output: String { files.standardOutput + files.standardError }

    /// The port from the `msg=listening address=host:port` log line, waiting up to `seconds`.
    func listeningPort(within seconds: Double) async throws -> Int? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds, process.isRunning {
            for line in output.split(separator: "\n") where line.contains("msg=listening") {
                if let field = line.split(separator: " ").first(where: { $0.hasPrefix("address=") }),
                    let colon = field.lastIndex(of: ":"), let port = Int(field[field.index(after: colon)...])
                {
                    return port
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Sends `signal` to the child's pid and waits up to `seconds` for it to exit; its exit status, or `nil`.
    func signal(_ signal: Int32, waitingUpTo seconds: Double) async throws -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(pid, signal)
        let start = Date()
        while process.isRunning, Date().timeIntervalSince(start) < seconds {
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Kills the child by its pid if it still runs.
    func stop() {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}
