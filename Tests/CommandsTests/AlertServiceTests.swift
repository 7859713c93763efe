import Alerting
import Config
import Exposition
import Foundation
import Logging
import Prometheus
import Testing

@testable import Commands

/// The daemon's alert service across restarts and reloads, without the network: what it queues is read back
/// from the queue's files.
@Suite struct AlertServiceTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-service-\(UUID().uuidString)").path
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static func receivers(_ folder: Folder) throws -> AlertReceivers {
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        // Nothing listens on port 9 of loopback; nothing here is delivered, only queued.
        return try AlertReceivers(
            AlertingConfiguration(
                groupWait: .zero,
                receivers: [ReceiverConfiguration(name: "hook", kind: .webhook, url: .inline(Secret("http://127.0.0.1:9/")))]),
            site: "", environment: [:])
    }

    static func target(_ name: String) -> TargetConfiguration {
        TargetConfiguration(
            name: name, settings: ProbeSettings(host: "imap.example.org", port: 993),
            alertPolicy: AlertPolicy(failureThreshold: 1))
    }

    static func service(_ folder: Folder) -> AlertService {
        AlertService(
            storagePath: folder.path, metrics: AlertMetrics(registry: PrometheusCollectorRegistry()),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The alert statuses in the queued bodies, oldest first.
    static func queued(_ folder: Folder) throws -> [String] {
        let queue = folder.path + "/queue"
        return try FileManager.default.contentsOfDirectory(atPath: queue).filter { $0.hasSuffix(".json") }.sorted()
            .flatMap { name -> [String] in
                let data = try Data(contentsOf: URL(fileURLWithPath: queue + "/" + name))
                let entry = try JSONDecoder().decode(QueuedNotification.self, from: data)
                let body = try JSONSerialization.jsonObject(with: Data(entry.body)) as? [String: Any]
                return (body?["alerts"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
            }
    }

    @Test func aTargetRemovedWhileTheAgentWasDownResolvesAtTheNextStart() async throws {
        let folder = Folder()
        do {
            let before = Self.service(folder)
            try await before.apply(try Self.receivers(folder), targets: [Self.target("gone")])
            await before.observe(Fixture.failure(.connectRefused, in: .connect), of: Self.target("gone"))
            await before.queueDue()
            #expect(try Self.queued(folder) == ["firing"])
        }
        // The next start's configuration has no such target (and the first lock went with the first service).
        let after = Self.service(folder)
        try await after.apply(try Self.receivers(folder), targets: [Self.target("other")])
        await after.queueDue()
        #expect(try Self.queued(folder) == ["firing", "resolved"])
    }

    @Test func alertsRemovedAndAddedBackByReloadsUseTheSameQueue() async throws {
        let folder = Folder()
        let service = Self.service(folder)
        try await service.apply(try Self.receivers(folder), targets: [Self.target("a")])
        await service.observe(Fixture.failure(.connectRefused, in: .connect), of: Self.target("a"))
        await service.queueDue()
        try await service.apply(nil, targets: [Self.target("a")])
        await service.observe(Fixture.failure(.connectRefused, in: .connect), of: Self.target("a"))
        try await service.apply(try Self.receivers(folder), targets: [Self.target("a")])
        await service.queueDue()
        #expect(try Self.queued(folder) == ["firing"], "one queue, nothing fired twice")
    }
}
