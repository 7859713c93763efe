#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The file the alert state is kept in (`alert-state.json` under the storage path), written crash-safely.
public struct AlertStateFile: Sendable {
    /// The file's path.
    public let path: String

    /// Why the saved state could not be read back; the daemon starts with no alert state (and says so).
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The state file in `directory`, which is created if needed (owner only).
    public init(directory: String) throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        path = directory + "/alert-state.json"
    }

    /// The saved snapshot, `nil` when there is none yet. A damaged file is moved aside as `.bad` and reported.
    public func load() throws(Unreadable) -> AlertSnapshot? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Unreadable(description: "cannot read \(path)")
        }
        let snapshot: AlertSnapshot
        do {
            snapshot = try JSONDecoder().decode(AlertSnapshot.self, from: data)
        } catch {
            try? FileManager.default.removeItem(atPath: path + ".bad")
            try? FileManager.default.moveItem(atPath: path, toPath: path + ".bad")
            throw Unreadable(description: "\(path) is damaged (moved aside as \(path).bad): \(error)")
        }
        guard snapshot.version <= AlertSnapshot.currentVersion else {
            throw Unreadable(
                description: "\(path) was written by a newer imapwatch (format \(snapshot.version)); not read")
        }
        return snapshot
    }

    /// Writes `snapshot` (a temporary file renamed over the old one: a crash leaves the old or the new one).
    public func save(_ snapshot: AlertSnapshot) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = Array(try encoder.encode(snapshot))
        try DurableFile.write(bytes, to: path, through: path + ".tmp")
    }
}
