import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A test server in a child process (`openssl s_server` or a Python script) listening on 127.0.0.1.
///
/// It is started with a port of 0 and reports the port it bound on stdout; `stop()` kills it by PID.
public final class ServerProcess: Sendable {
    /// The server did not report its port in time.
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The port the server bound on 127.0.0.1.
    public let port: Int
    private let process: Process
    private let output: LockedText

    private init(port: Int, process: Process, output: LockedText) {
        self.port = port
        self.process = process
        self.output = output
    }

    /// Everything the server printed so far.
    public var printed: String { output.value }

    /// Starts `arguments` and waits (at most 10 s) for a line containing `marker` followed by the port.
    public static func start(_ arguments: [String], portMarker: String) async throws -> ServerProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = LockedText()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                output.append(String(decoding: data, as: UTF8.self))
            }
        }
        try process.run()
        for _ in 0..<200 {
            let text = output.value
            if let port = Self.port(in: text, after: portMarker) {
                return ServerProcess(port: port, process: process, output: output)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw StartFailure(description: "\(arguments.joined(separator: " ")) did not start: \(output.value)")
    }

    /// Kills the server by its PID and reaps it.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    private static func port(in text: String, after marker: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        guard text[range.upperBound...].count > digits.count else { return nil }  // line complete
        return Int(digits)
    }
}

/// Text appended from one thread and read from another.
public final class LockedText: @unchecked Sendable {
    public init() {}

    private let lock = NSLock()
    private var text = ""

    /// Everything appended so far.
    public var value: String { lock.withLock { text } }

    /// Appends `more`.
    public func append(_ more: String) { lock.withLock { text += more } }
}
