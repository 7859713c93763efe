import Config
import Foundation
import TestSupport
import Testing

@testable import Alerting

/// A real Alertmanager (Debian's prometheus-alertmanager, started here on loopback) receives a firing and then a
/// resolved alert through the notifier; checked through its own API.
@Suite("a real Alertmanager receives firing and resolved alerts", .serialized)
struct AlertmanagerIntegrationTests {
    /// An Alertmanager on 127.0.0.1:`port` with a throw-away configuration and storage; stopped by PID.
    final class Instance {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-am-\(UUID().uuidString)")
        let port: Int
        let server: ServerProcess

        init(executable: URL) async throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let config = folder.appendingPathComponent("alertmanager.yml")
            try Data("route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n".utf8).write(to: config)
            port = try await Self.freePort()
            server = try await ServerProcess.start(
                [
                    executable.path, "--config.file=\(config.path)",
                    "--storage.path=\(folder.appendingPathComponent("data").path)",
                    "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
                ], portMarker: "address=127.0.0.1:")
        }

        deinit {
            server.stop()
            try? FileManager.default.removeItem(at: folder)
        }

        /// A port that was free a moment ago (bound to 0 by a short-lived listener, then released).
        static func freePort() async throws -> Int {
            let listener = try await WebhookListener.start()
            defer { listener.stop() }
            return listener.port
        }

        /// `GET /api/v2/alerts` as JSON objects.
        func alerts() throws -> [[String: Any]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c",
                "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())",
                "http://127.0.0.1:\(port)/api/v2/alerts",
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
        }
    }

    @Test func firingThenResolvedThroughTheV2API() async throws {
        guard let executable = RequiredTool.find("prometheus-alertmanager", package: "prometheus-alertmanager") else {
            return
        }
        let alertmanager = try await Instance(executable: executable)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-am-queue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var queue = try DurableQueue(directory: folder.path)
        _ = try queue.recover()
        let port = alertmanager.port
        let notifier = Notifier(
            queue: queue,
            endpoints: [ReceiverEndpoint(name: "am", url: { Secret("http://127.0.0.1:\(port)/api/v2/alerts") })],
            jitter: { 0 })

        let now = Date().timeIntervalSince1970
        var alert = AlertNotification(
            status: .firing, level: .critical, target: "mail-a", condition: "probe_failing",
            summary: "login failed: auth_failed", since: now - 180, labels: ["site": "fra1"])
        try await notifier.enqueue(
            receiver: "am", body: AlertmanagerPayload.postableAlerts([alert], generatorURL: "http://127.0.0.1:9643/"),
            now: now)
        let sent = await notifier.deliverDue(now: now)
        #expect(sent.map(\.outcome) == [.delivered], "\(sent) \(alertmanager.server.printed)")

        var active: [[String: Any]] = []
        for _ in 0..<50 {
            active = try alertmanager.alerts()
            if !active.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let received = try #require(active.first, "Alertmanager lists no alert: \(alertmanager.server.printed)")
        let labels = try #require(received["labels"] as? [String: String])
        #expect(labels == [
            "alertname": "IMAPProbeFailing", "severity": "critical", "target": "mail-a", "condition": "probe_failing",
            "site": "fra1",
        ])
        #expect((received["annotations"] as? [String: String])?["summary"] == "login failed: auth_failed")
        #expect((received["status"] as? [String: Any])?["state"] as? String == "active")
        #expect(received["fingerprint"] as? String == AlertmanagerPayload.fingerprint(labels))

        // The alert drops to warning: the critical one ends there, the warning one is the only active alert.
        alert.level = .warning
        alert.replacedLevel = .critical
        alert.replacedAt = Date().timeIntervalSince1970 - 1
        try await notifier.enqueue(
            receiver: "am", body: AlertmanagerPayload.postableAlerts([alert], generatorURL: nil), now: now)
        #expect(await notifier.deliverDue(now: now + 1).map(\.outcome) == [.delivered])
        var severities: [String] = []
        for _ in 0..<50 {
            active = try alertmanager.alerts()
            severities = active.compactMap { ($0["labels"] as? [String: String])?["severity"] }
            if severities == ["warning"] { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(severities == ["warning"], "after the level change: \(active)")

        alert.replacedLevel = nil
        alert.status = .resolved
        alert.resolvedAt = Date().timeIntervalSince1970 - 1
        try await notifier.enqueue(
            receiver: "am", body: AlertmanagerPayload.postableAlerts([alert], generatorURL: nil), now: now)
        #expect(await notifier.deliverDue(now: now + 2).map(\.outcome) == [.delivered])
        for _ in 0..<50 {
            active = try alertmanager.alerts()
            if active.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(active.isEmpty, "the resolved alert is still listed: \(active)")
    }
}
