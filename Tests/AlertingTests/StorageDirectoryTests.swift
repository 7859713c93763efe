import Foundation
import Testing

@testable import Alerting

/// The storage path's folders checked before alerting starts, with reasons that name the path. The tests run as
/// root, which permission bits do not stop: the failures come from a regular file in the way and from procfs.
@Suite struct StorageDirectoryTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-storage-\(UUID().uuidString)").path
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func aMissingFolderIsCreatedForItsOwnerOnlyAndTheCheckLeavesNothingBehind() throws {
        let folder = Folder()
        let storage = folder.path + "/a/b"
        try StorageDirectory.create(storage)
        try StorageDirectory.checkWritable(storage)
        let attributes = try FileManager.default.attributesOfItem(atPath: storage)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: storage).isEmpty)
    }

    @Test func aRegularFileInThePathIsNamedWithTheSystemsReason() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/file"))
        #expect {
            try StorageDirectory.create(folder.path + "/file/state")
        } throws: { error in
            "\(error)" == "cannot create \(folder.path)/file/state: Not a directory"
        }
    }

    @Test func aFolderNoFileCanBeCreatedInFailsTheCheck() throws {
        // procfs takes no new file, not even from root.
        #expect {
            try StorageDirectory.checkWritable("/proc")
        } throws: { error in
            "\(error)".hasPrefix("cannot write in /proc: ")
        }
    }
}
