import Config
import TestSupport
import Foundation
import Testing

@testable import Alerting

/// Delivery with retries through the durable queue against a real listener: every notification arrives exactly
/// once in the end, across failures and a restart.
@Suite("notifier: queue, retries and restarts against a real listener", .serialized)
struct NotifierTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-notifier-\(UUID().uuidString)").path
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    func endpoint(_ name: String, port: Int, path: String) -> ReceiverEndpoint {
        ReceiverEndpoint(name: name, url: { Secret("http://127.0.0.1:\(port)\(path)") }, timeout: .seconds(3))
    }

    func notifier(_ folder: Folder, _ endpoints: [ReceiverEndpoint]) throws -> Notifier {
        var queue = try DurableQueue(directory: folder.path)
        _ = try queue.recover()
        return Notifier(queue: queue, endpoints: endpoints, jitter: { 0 })
    }

    func requests(_ listener: ServerProcess, _ path: String) -> Int {
        listener.printed.components(separatedBy: "\n").filter { $0.hasPrefix("REQ \(path) ") }.count
    }

    @Test func aFailedAttemptWaitsItsTurnThenArrivesOnce() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let notifier = try notifier(folder, [endpoint("ops", port: listener.port, path: "/flaky-1/a")])
        try await notifier.enqueue(receiver: "ops", body: Array("one".utf8), now: 1000)

        let first = await notifier.deliverDue(now: 1000)
        #expect(first.map(\.outcome) == [.willRetry(notBefore: 1000.5)])
        #expect(first.first?.result.status == 500)
        #expect(await notifier.deliverDue(now: 1000.2).isEmpty, "not due yet")
        let second = await notifier.deliverDue(now: 1001)
        #expect(second.map(\.outcome) == [.delivered])
        #expect(second.first?.attempt == 2)
        #expect(await notifier.pending.isEmpty)
        #expect(requests(listener, "/flaky-1/a") == 2)
    }

    @Test func receiversAreTriedAtTheSameTime() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let hanging = { (name: String) in
            ReceiverEndpoint(
                name: name, url: { Secret("http://127.0.0.1:\(listener.port)/hang/\(name)") }, timeout: .seconds(3))
        }
        let notifier = try notifier(folder, [hanging("one"), hanging("two")])
        try await notifier.enqueue(receiver: "one", body: Array("1".utf8), now: 0)
        try await notifier.enqueue(receiver: "two", body: Array("2".utf8), now: 0)
        let pass = Task { await notifier.deliverDue(now: 0) }
        // One after the other, the second request would arrive only when the first timed out (3 s).
        var both = false
        for _ in 0..<30 where !both {
            try await Task.sleep(for: .milliseconds(50))
            both = requests(listener, "/hang/one") == 1 && requests(listener, "/hang/two") == 1
        }
        #expect(both, "\(listener.printed)")
        #expect(await pass.value.count == 2)
    }

    @Test func aRetrySetBeforeTheClockWentBackIsNotFrozen() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let notifier = try notifier(folder, [endpoint("ops", port: listener.port, path: "/flaky-1/clock")])
        try await notifier.enqueue(receiver: "ops", body: Array("one".utf8), now: 1_800_000_000)
        #expect(await notifier.deliverDue(now: 1_800_000_000).map(\.outcome) == [.willRetry(notBefore: 1_800_000_000.5)])
        // The clock is set back a day: waiting for the old time would hold the notification for a day.
        #expect(await notifier.deliverDue(now: 1_800_000_000 - 86_400).map(\.outcome) == [.delivered])
    }

    @Test func orderIsKeptPerReceiverAndOtherReceiversAreNotHeldUp() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let notifier = try notifier(
            folder,
            [endpoint("slow", port: listener.port, path: "/flaky-1/b"), endpoint("fine", port: listener.port, path: "/ok/c")])
        try await notifier.enqueue(receiver: "slow", body: Array("first".utf8), now: 0)
        try await notifier.enqueue(receiver: "slow", body: Array("second".utf8), now: 0)
        try await notifier.enqueue(receiver: "fine", body: Array("other".utf8), now: 0)

        let pass = await notifier.deliverDue(now: 0)
        #expect(pass.map(\.receiver) == ["slow", "fine"])
        #expect(pass.map(\.outcome) == [.willRetry(notBefore: 0.5), .delivered])
        #expect(await notifier.deliverDue(now: 1).map(\.outcome) == [.delivered])
        #expect(await notifier.deliverDue(now: 2).map(\.outcome) == [.delivered])
        let bodies = listener.printed.components(separatedBy: "\n").filter { $0.hasPrefix("REQ /flaky-1/b ") }
            .compactMap { $0.split(separator: " ").last.map(String.init) }
        let hex = { (text: String) in Array(text.utf8).map { String(format: "%02x", $0) }.joined() }
        #expect(bodies == [hex("first"), hex("first"), hex("second")])
    }

    @Test func aRestartInTheMiddleOfAnOutageLosesNothingAndDoublesNothing() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let endpoints = [endpoint("ops", port: listener.port, path: "/flaky-2/d")]
        do {
            let before = try notifier(folder, endpoints)
            try await before.enqueue(receiver: "ops", body: Array("alert".utf8), now: 0)
            #expect(await before.deliverDue(now: 0).map(\.outcome) == [.willRetry(notBefore: 0.5)])
        }
        let after = try notifier(folder, endpoints)
        let restored = await after.pending
        #expect(restored.count == 1)
        #expect(restored.first?.attempts == 1)
        #expect(await after.deliverDue(now: 0.1).isEmpty, "the retry time survived the restart")
        #expect(await after.deliverDue(now: 1).map(\.outcome) == [.willRetry(notBefore: 2)])
        #expect(await after.deliverDue(now: 5).map(\.outcome) == [.delivered])
        #expect(await after.pending.isEmpty)
        #expect(requests(listener, "/flaky-2/d") == 3)
    }

    @Test func rejectedAndUnconfiguredLeaveTheQueueAnUnreadableURLIsRetried() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        struct Unreadable: Error, CustomStringConvertible { var description: String { "no such file: hooks/ops.url" } }
        let notifier = try notifier(
            folder,
            [
                endpoint("gone", port: listener.port, path: "/gone/e"),
                ReceiverEndpoint(name: "broken", url: { throw Unreadable() }),
            ])
        try await notifier.enqueue(receiver: "gone", body: [], now: 0)
        try await notifier.enqueue(receiver: "broken", body: [], now: 0)
        try await notifier.enqueue(receiver: "removed", body: [], now: 0)
        let pass = await notifier.deliverDue(now: 0)
        #expect(pass.map(\.outcome) == [.rejected, .willRetry(notBefore: 0.5), .rejected])
        #expect(pass[0].result.status == 404)
        #expect(pass[1].result.transportError?.contains("hooks/ops.url") == true)
        #expect(pass[2].result.transportError == "receiver 'removed' is not configured")
        #expect(await notifier.pending.map(\.receiver) == ["broken"])
    }
}

extension NotifierTests {
    /// A receiver that hangs until its timeout holds up no other receiver's next notification: each verdict is
    /// applied as soon as it is known, so a second pass sends the fast receiver's next one meanwhile.
    @Test func aHangingReceiverHoldsUpNoOtherReceiversNextNotification() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let slow = ReceiverEndpoint(
            name: "slow", url: { Secret("http://127.0.0.1:\(listener.port)/hang/slow") }, timeout: .seconds(4))
        let notifier = try notifier(folder, [slow, endpoint("fast", port: listener.port, path: "/ok/fast")])
        try await notifier.enqueue(receiver: "slow", body: Array("s".utf8), now: 0)
        try await notifier.enqueue(receiver: "fast", body: Array("f1".utf8), now: 0)
        try await notifier.enqueue(receiver: "fast", body: Array("f2".utf8), now: 0)
        let began = ContinuousClock.now
        let first = Task { await notifier.deliverDue(now: 0) }
        var second: [DeliveryReport] = []
        while ContinuousClock.now - began < .seconds(3), requests(listener, "/ok/fast") < 2 {
            try await Task.sleep(for: .milliseconds(50))
            second += await notifier.deliverDue(now: 0)
        }
        #expect(requests(listener, "/ok/fast") == 2, "the fast receiver waited for the slow one")
        #expect(ContinuousClock.now - began < .seconds(3))
        #expect(second.map(\.receiver) == ["fast"])
        #expect(await notifier.pendingByReceiver == ["slow": 1])
        #expect(await first.value.map(\.receiver).sorted() == ["fast", "slow"])
    }

    /// A pass cancelled while a send hangs (shutdown) leaves that notification as it was: not delivered, not
    /// counted as a failed attempt, sent again by the next pass.
    @Test func aCancelledPassLeavesItsSendQueuedUnchanged() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let slow = ReceiverEndpoint(
            name: "slow", url: { Secret("http://127.0.0.1:\(listener.port)/hang/slow") }, timeout: .seconds(4))
        let notifier = try notifier(folder, [slow])
        try await notifier.enqueue(receiver: "slow", body: Array("s".utf8), now: 0)
        let pass = Task { await notifier.deliverDue(now: 0) }
        while requests(listener, "/hang/slow") < 1 { try await Task.sleep(for: .milliseconds(20)) }
        pass.cancel()
        #expect(await pass.value.isEmpty, "no verdict for a send whose outcome is unknown")
        #expect(await notifier.pending.map(\.attempts) == [0])
    }

    @Test func twoOverlappingPassesSendEachNotificationOnce() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let notifier = try notifier(folder, [endpoint("ops", port: listener.port, path: "/ok/overlap")])
        try await notifier.enqueue(receiver: "ops", body: Array("once".utf8), now: 0)
        async let first = notifier.deliverDue(now: 1)
        async let second = notifier.deliverDue(now: 1)
        let reports = await first + second
        #expect(reports.map(\.outcome) == [.delivered])
        try await Task.sleep(for: .milliseconds(100))
        #expect(requests(listener, "/ok/overlap") == 1)
    }
}

extension DurableQueueTests {
    @Test func theFileNameIsTheSequence() throws {
        let folder = Folder()
        var queue = try DurableQueue(directory: folder.path)
        try queue.append(notification("ops", "a"))
        try FileManager.default.moveItem(
            atPath: folder.path + "/00000000000000000001.json", toPath: folder.path + "/00000000000000000009.json")
        var reopened = try DurableQueue(directory: folder.path)
        _ = try reopened.recover()
        #expect(reopened.pending.map(\.sequence) == [9])
        try reopened.remove(sequence: 9)
        #expect(folder.files.isEmpty)
    }
}
