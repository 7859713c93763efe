import Config
import Foundation
import Prober
import Testing

@testable import Alerting

/// `alerts.queue_capacity` changed by a reload takes effect at once: a smaller bound drops the oldest (counted
/// with the next pass), a larger one keeps more.
@Suite struct QueueCapacityReloadTests {
    static func configuration(capacity: Int) -> AlertingConfiguration {
        // Nothing is delivered here (no delivery pass runs), only queued.
        AlertingConfiguration(
            groupWait: .zero, queueCapacity: capacity,
            receivers: [ReceiverConfiguration(name: "hook", kind: .webhook, url: .inline(Secret("http://127.0.0.1:9/")))])
    }

    /// Fires `target` and queues its notification in a pass of its own (one message each).
    static func fire(_ target: TargetConfiguration, on dispatcher: AlertDispatcher, at now: Double) async -> AlertDispatcher.Tick {
        for offset in 0..<2 { _ = await dispatcher.observe(AlertDispatcherTests.failed(at: now + Double(offset)), of: target, now: now + Double(offset)) }
        return await dispatcher.queueDue(now: now + 2)
    }

    @Test func aReloadedCapacityBoundsTheQueueAtOnce() async throws {
        let folder = AlertDispatcherTests.Folder()
        let dispatcher = try AlertDispatcherTests.dispatcher(Self.configuration(capacity: 10), folder: folder)
        let targets = (1...4).map { AlertDispatcherTests.target("t\($0)") }
        _ = await dispatcher.reconfigure(
            receivers: try AlertReceivers(Self.configuration(capacity: 10), site: "", environment: [:]),
            targets: targets, now: AlertDispatcherTests.now)
        for (index, target) in targets.prefix(3).enumerated() {
            _ = await Self.fire(target, on: dispatcher, at: AlertDispatcherTests.now + Double(index * 10))
        }
        #expect(await dispatcher.queueLengths() == ["hook": 3])

        _ = await dispatcher.reconfigure(
            receivers: try AlertReceivers(Self.configuration(capacity: 2), site: "", environment: [:]),
            targets: targets, now: AlertDispatcherTests.now + 40)
        #expect(await dispatcher.queueLengths() == ["hook": 2], "the oldest go at the reload")
        let tick = await Self.fire(targets[3], on: dispatcher, at: AlertDispatcherTests.now + 50)
        #expect(tick.dropped == ["hook": 2], "the reload's drop and the one making room, reported with the next pass")
        #expect(await dispatcher.queueLengths() == ["hook": 2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/queue").filter { $0.hasSuffix(".json") }.count == 2)
    }
}
