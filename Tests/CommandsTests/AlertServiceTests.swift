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

    static func service(
        _ folder: Folder, storage: String? = nil, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) -> AlertService {
        AlertService(
            storagePath: storage ?? folder.path, metrics: AlertMetrics(registry: registry),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Prepares and applies `receivers` (`nil`: no `alerts:` section), as start and every reload do.
    static func apply(_ receivers: AlertReceivers?, to service: AlertService, targets: [TargetConfiguration]) async throws {
        await service.apply(try await service.prepare(receivers), targets: targets)
    }

    static func exposition(_ registry: PrometheusCollectorRegistry) -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The alert statuses in the queued bodies, oldest first.
    static func queued(_ folder: Folder) throws -> [String] {
        try queued(at: folder.path)
    }

    /// The alert statuses queued under the storage path `storage`, oldest first.
    static func queued(at storage: String) throws -> [String] {
        let queue = storage + "/queue"
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
            try await Self.apply(try Self.receivers(folder), to: before, targets: [Self.target("gone")])
            await before.observe(Fixture.failure(.connectRefused, in: .connect), of: Self.target("gone"))
            await before.queueDue()
            #expect(try Self.queued(folder) == ["firing"])
        }
        // The next start's configuration has no such target (and the first lock went with the first service).
        let after = Self.service(folder)
        try await Self.apply(try Self.receivers(folder), to: after, targets: [Self.target("other")])
        await after.queueDue()
        #expect(try Self.queued(folder) == ["firing", "resolved"])
    }

    @Test func alertsRemovedAndAddedBackByReloadsUseTheSameQueue() async throws {
        let folder = Folder()
        let service = Self.service(folder)
        try await Self.apply(try Self.receivers(folder), to: service, targets: [Self.target("a")])
        await service.observe(Fixture.failure(.connectRefused, in: .connect), of: Self.target("a"))
        await service.queueDue()
        try await Self.apply(nil, to: service, targets: [Self.target("a")])
        await service.observe(Fixture.failure(.connectRefused, in: .connect), of: Self.target("a"))
        try await Self.apply(try Self.receivers(folder), to: service, targets: [Self.target("a")])
        await service.queueDue()
        #expect(try Self.queued(folder) == ["firing"], "one queue, nothing fired twice")
    }

    @Test func aStorageThatCannotBeUsedFailsThePreparationAndChangesNothingUntilFixed() async throws {
        let folder = Folder()
        let receivers = try Self.receivers(folder)
        // A regular file where the storage's parent folder should be: fails for root too.
        let blocker = folder.path + "/blocker"
        try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: blocker))
        let registry = PrometheusCollectorRegistry()
        let service = Self.service(folder, storage: blocker + "/state", registry: registry)
        try await Self.apply(nil, to: service, targets: [Self.target("a")])

        await #expect {
            _ = try await service.prepare(receivers)
        } throws: { error in
            "\(error)" == "cannot use the storage path \(blocker)/state: cannot create \(blocker)/state: Not a directory"
        }
        // Nothing of the rejected section runs: no receiver series, no alert evaluated, nothing queued.
        #expect(!Self.exposition(registry).contains(#"receiver="hook""#))
        await service.observe(Fixture.failure(.connectRefused, in: .connect), of: Self.target("a"))
        await service.queueDue()
        #expect(!FileManager.default.fileExists(atPath: blocker + "/state"))

        // Fixed: the same service starts alerting at the next preparation.
        try FileManager.default.removeItem(atPath: blocker)
        try await Self.apply(receivers, to: service, targets: [Self.target("a")])
        #expect(Self.exposition(registry).contains(#"imapwatch_notification_queue_length{receiver="hook"} 0"#))
        await service.observe(Fixture.failure(.connectRefused, in: .connect), of: Self.target("a"))
        await service.queueDue()
        #expect(try Self.queued(at: blocker + "/state") == ["firing"])
    }

    @Test func aPreparationHoldsTheStorageLockUntilDroppedOrApplied() async throws {
        let folder = Folder()
        let receivers = try Self.receivers(folder)
        let first = Self.service(folder)
        var prepared = try await first.prepare(receivers)
        // Another agent on the same path is refused while the preparation holds the lock...
        await #expect {
            _ = try await Self.service(folder).prepare(receivers)
        } throws: { error in
            "\(error)".contains("is in use by another imapwatch")
        }
        #expect(prepared != nil)
        // ...and may take it once the preparation is dropped unapplied (a reload rejected at a later step).
        prepared = nil
        let second = Self.service(folder)
        let taken = try await second.prepare(receivers)
        #expect(taken != nil)
        await second.apply(taken, targets: [Self.target("a")])
        await #expect(throws: AlertService.SetupFailure.self) {
            _ = try await first.prepare(receivers)
        }
    }
}
