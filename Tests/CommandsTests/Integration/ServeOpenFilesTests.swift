import Foundation
import Testing

/// `serve` raises its soft limit on open files to the hard limit at start, so a large `--probe.concurrency` is
/// not cut at the 1,024 descriptors a shell or systemd gives by default.
extension CLIIntegrationTests {
    @Suite("serve: open files limit", .serialized)
    struct ServeOpenFilesTests {
        /// The soft and hard "Max open files" of `pid` from `/proc/pid/limits` (`unlimited` as `UInt64.max`).
        static func openFilesLimit(of pid: Int32) throws -> (soft: UInt64, hard: UInt64)? {
            let text = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Max open files") }) else { return nil }
            let fields = line.dropFirst("Max open files".count).split(separator: " ")
            guard fields.count >= 2 else { return nil }
            func value(_ field: Substring) -> UInt64? { field == "unlimited" ? UInt64.max : UInt64(field) }
            guard let soft = value(fields[0]), let hard = value(fields[1]) else { return nil }
            return (soft, hard)
        }

        @Test("started with a soft limit of 256, serve runs with the hard limit")
        func softLimitIsRaisedToTheHardLimit() async throws {
            let workspace = try ServeWorkspace("imapwatch-nofile")
            try workspace.write("imapwatch.yml", ServeWorkspace.closedPortConfiguration())
            let serve = try ServeProcess(
                ["--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0"], softOpenFilesLimit: 256)
            defer { serve.stop() }
            _ = try #require(try await serve.listeningPort(within: 20), "serve did not start: \(serve.output)")
            let limit = try #require(try Self.openFilesLimit(of: serve.pid))
            try #require(limit.hard > 256, "the hard limit here is \(limit.hard): nothing to raise")
            #expect(limit.soft == limit.hard)
        }
    }
}
