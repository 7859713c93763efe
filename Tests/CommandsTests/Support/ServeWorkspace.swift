import Foundation

/// A temporary folder for one `serve` test: the configuration file, the files it names, the alert storage;
/// removed at the end.
final class ServeWorkspace {
    let folder: URL
    var configFile: URL { folder.appendingPathComponent("imapwatch.yml") }
    /// The `--storage.path` inside the folder.
    var storage: String { folder.appendingPathComponent("state").path }

    /// A fresh folder named `prefix-UUID` in the temporary directory.
    init(_ prefix: String = "imapwatch-serve") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A configuration whose one target, `closed`, is a loopback port nothing listens on: for tests of serve's
    /// own endpoints and process, which need no IMAP server.
    static func closedPortConfiguration() throws -> String {
        "targets:\n  - name: closed\n    host: 127.0.0.1\n    port: \(try HTTPGet.closedPort())\n"
    }

    /// Writes `text` to the file `name` in the folder.
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
}
