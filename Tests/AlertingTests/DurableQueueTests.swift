import Foundation
import Testing

@testable import Alerting

/// The on-disk notification queue: order and content survive a reopen, failures are recorded, delivered ones go,
/// the bound drops the oldest, and unreadable or half-written files are never sent.
@Suite struct DurableQueueTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-queue-\(UUID().uuidString)").path
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
    }

    func notification(_ receiver: String, _ text: String) -> QueuedNotification {
        QueuedNotification(receiver: receiver, body: Array(text.utf8) + [0xFF, 0x00])
    }

    @Test func orderAndContentSurviveAReopenAndSequencesContinue() throws {
        let folder = Folder()
        var queue = try DurableQueue(directory: folder.path)
        _ = try queue.recover()
        for index in 1...3 { try queue.append(notification("ops", "alert \(index)")) }

        var reopened = try DurableQueue(directory: folder.path)
        #expect(try reopened.recover() == DurableQueue.Recovery(restored: 3, unreadable: 0))
        #expect(reopened.pending.map(\.body) == queue.pending.map(\.body))
        #expect(reopened.pending.map(\.sequence) == [1, 2, 3])
        try reopened.append(notification("ops", "alert 4"))
        #expect(reopened.pending.last?.sequence == 4)
        #expect(folder.files.count == 4)
    }

    @Test func failuresAreRecordedOnDiskAndDeliveredOnesRemoved() throws {
        let folder = Folder()
        var queue = try DurableQueue(directory: folder.path)
        try queue.append(notification("ops", "a"))
        try queue.append(notification("chat", "b"))
        try queue.recordFailure(sequence: 1, notBefore: 1_800_000_000)
        try queue.remove(sequence: 2)

        var reopened = try DurableQueue(directory: folder.path)
        _ = try reopened.recover()
        #expect(reopened.pending.count == 1)
        #expect(reopened.pending.first?.attempts == 1)
        #expect(reopened.pending.first?.notBefore == 1_800_000_000)
        #expect(reopened.pending.first?.receiver == "ops")
        #expect(folder.files == ["00000000000000000001.json"])
    }

    @Test func beyondCapacityTheOldestAreDropped() throws {
        let folder = Folder()
        var queue = try DurableQueue(directory: folder.path, capacity: 2)
        #expect(try queue.append(notification("ops", "1")) == [:])
        #expect(try queue.append(notification("chat", "2")) == [:])
        #expect(try queue.append(notification("chat", "3")) == ["ops": 1], "counted against the dropped one's receiver")
        #expect(queue.pending.map(\.sequence) == [2, 3])
        #expect(folder.files.count == 2)
        var smaller = try DurableQueue(directory: folder.path, capacity: 1)
        #expect(try smaller.recover() == DurableQueue.Recovery(restored: 1, unreadable: 0, dropped: 1))
        #expect(smaller.pending.map(\.sequence) == [3])
    }

    @Test func aLowerCapacityDropsTheOldestAtOnceAHigherOneKeepsMore() throws {
        let folder = Folder()
        var queue = try DurableQueue(directory: folder.path, capacity: 4)
        for (receiver, body) in [("ops", "1"), ("chat", "2"), ("ops", "3"), ("chat", "4")] {
            try queue.append(notification(receiver, body))
        }
        #expect(queue.setCapacity(1) == ["ops": 2, "chat": 1])
        #expect(queue.pending.map(\.sequence) == [4])
        #expect(folder.files == ["00000000000000000004.json"])
        #expect(queue.setCapacity(3) == [:])
        #expect(try queue.append(notification("ops", "5")) == [:])
        #expect(try queue.append(notification("ops", "6")) == [:])
        #expect(queue.pending.map(\.sequence) == [4, 5, 6])
        queue.setCapacity(0)
        #expect(queue.capacity == 1)
    }

    @Test func unreadableAndHalfWrittenFilesAreNeverSent() throws {
        let folder = Folder()
        var queue = try DurableQueue(directory: folder.path)
        try queue.append(notification("ops", "good"))
        try Data("{\"sequence\": 7, \"recei".utf8).write(to: URL(fileURLWithPath: folder.path + "/00000000000000000007.json"))
        try Data("partial".utf8).write(to: URL(fileURLWithPath: folder.path + "/.tmp-8"))

        var reopened = try DurableQueue(directory: folder.path)
        #expect(try reopened.recover() == DurableQueue.Recovery(restored: 1, unreadable: 1))
        #expect(reopened.pending.map(\.sequence) == [1])
        #expect(folder.files.contains("00000000000000000007.json.bad"))
        try reopened.append(notification("ops", "next"))
        #expect(reopened.pending.last?.sequence == 2)
    }

    @Test func filesAreReadableByTheOwnerOnly() throws {
        let folder = Folder()
        var queue = try DurableQueue(directory: folder.path)
        try queue.append(notification("ops", "a"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/00000000000000000001.json")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}
