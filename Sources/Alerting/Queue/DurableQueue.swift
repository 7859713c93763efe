#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Notifications waiting for delivery, one file each in a directory, so a receiver outage or a restart loses
/// nothing: a notification is written (to a temporary name, then renamed: never half a file) before it is sent
/// and removed only once delivered or rejected.
///
/// Bounded: beyond `capacity` the oldest are dropped, and `append` says how many of whose. Files that cannot be read back
/// (damaged on disk, or edited by hand) are moved aside as `*.bad` and counted, never sent; a temporary file left
/// by a crash mid-write is ignored. Files are readable by their owner only. Not thread-safe: one owner (the
/// notifier's actor).
public struct DurableQueue {
    /// The directory the files live in.
    public let directory: String
    /// The most notifications kept.
    public private(set) var capacity: Int
    private(set) var entries: [QueuedNotification] = []
    private var nextSequence: UInt64 = 1

    /// What opening the directory found.
    public struct Recovery: Sendable, Equatable {
        /// Notifications read back, oldest first.
        public var restored: Int
        /// Files that could not be read and were moved aside.
        public var unreadable: Int
        /// The oldest notifications dropped because more were left than `capacity` allows.
        public var dropped: Int

        /// A recovery with these counts.
        public init(restored: Int, unreadable: Int, dropped: Int = 0) {
            self.restored = restored
            self.unreadable = unreadable
            self.dropped = dropped
        }
    }

    /// Opens `directory`, creating it if needed; `recover()` then reads back what an earlier run left.
    public init(directory: String, capacity: Int = 10_000) throws {
        self.directory = directory
        self.capacity = max(capacity, 1)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Reads back the notifications an earlier run left; call once after `init`.
    public mutating func recover() throws -> Recovery {
        var recovery = Recovery(restored: 0, unreadable: 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                // Could not be read now (too many open files, an I/O error): left in place for the next start.
                recovery.unreadable += 1
                continue
            }
            guard var entry = try? JSONDecoder().decode(QueuedNotification.self, from: data),
                let sequence = UInt64(name.dropLast(".json".count))
            else {
                try? FileManager.default.moveItem(atPath: path, toPath: path + ".bad")
                recovery.unreadable += 1
                continue
            }
            entry.sequence = sequence  // the file's name is the truth: it is what `remove` unlinks
            entries.append(entry)
        }
        entries.sort { $0.sequence < $1.sequence }
        // Past every file's name, readable or not: a file left for the next start must never be overwritten.
        let present = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? names
        let highest = present.compactMap { name in name.hasSuffix(".json") ? UInt64(name.dropLast(".json".count)) : nil }.max()
        nextSequence = (highest ?? 0) + 1
        recovery.dropped = dropOldest().values.reduce(0, +)
        recovery.restored = entries.count
        return recovery
    }

    /// The notifications waiting, oldest first.
    public var pending: [QueuedNotification] { entries }

    /// Writes `notification` to disk and queues it; returns how many of the oldest were dropped to make room,
    /// by their receiver.
    @discardableResult
    public mutating func append(_ notification: QueuedNotification) throws -> [String: Int] {
        var entry = notification
        entry.sequence = nextSequence
        nextSequence += 1
        try write(entry)
        entries.append(entry)
        return dropOldest()
    }

    /// Changes the bound (at least 1); a smaller one drops the oldest beyond it at once. How many were dropped,
    /// by their receiver.
    @discardableResult
    public mutating func setCapacity(_ capacity: Int) -> [String: Int] {
        self.capacity = max(capacity, 1)
        return dropOldest()
    }

    /// Records a failed attempt: the count and the time of the next one, in memory and on disk (an error from
    /// the disk is thrown after the memory is updated, so the backoff holds either way).
    public mutating func recordFailure(sequence: UInt64, notBefore: Double) throws {
        guard let index = entries.firstIndex(where: { $0.sequence == sequence }) else { return }
        var entry = entries[index]
        entry.attempts = entry.attempts < Int.max ? entry.attempts + 1 : entry.attempts
        entry.notBefore = notBefore
        entries[index] = entry  // the backoff holds in memory even if the disk refuses the update
        try write(entry)
    }

    /// Removes a notification that was delivered (or rejected for good): from memory at once (it must not be
    /// sent again in this run), then its file, then the directory is flushed so a crash cannot bring it back.
    public mutating func remove(sequence: UInt64) throws {
        guard let index = entries.firstIndex(where: { $0.sequence == sequence }) else { return }
        entries.remove(at: index)
        guard unlink(path(of: sequence)) == 0 || errno == ENOENT else {
            throw QueueFailure(operation: "unlink", path: path(of: sequence), code: errno)
        }
        syncDirectory()
    }

    /// Drops the oldest beyond `capacity` (a file that cannot be removed is left; it is read back, and dropped
    /// again, at the next start); how many, by receiver.
    private mutating func dropOldest() -> [String: Int] {
        let excess = entries.count - capacity
        guard excess > 0 else { return [:] }
        var dropped: [String: Int] = [:]
        for entry in entries.prefix(excess) {
            try? FileManager.default.removeItem(atPath: path(of: entry.sequence))
            dropped[entry.receiver, default: 0] += 1
        }
        entries.removeFirst(excess)
        return dropped
    }

    /// Writes `entry` crash-safely (`DurableFile`) under its final name.
    private func write(_ entry: QueuedNotification) throws {
        let bytes = Array(try JSONEncoder().encode(entry))
        try DurableFile.write(
            bytes, to: path(of: entry.sequence), through: directory + "/.tmp-" + String(entry.sequence))
    }

    private func syncDirectory() {
        DurableFile.syncDirectory(of: directory + "/.")
    }

    /// `<directory>/<sequence, 20 digits>.json`: names sort in queue order.
    private func path(of sequence: UInt64) -> String {
        let digits = String(sequence)
        return directory + "/" + String(repeating: "0", count: max(20 - digits.count, 0)) + digits + ".json"
    }
}
