import Foundation

/// A child process's standard output and error as two files in a fresh temporary folder (so a chatty child can
/// never block on a full pipe); the folder is removed when this is released.
final class OutputFiles {
    /// The folder holding both files (and whatever else the caller puts there).
    let folder: URL
    /// Give this to `Process.standardOutput`.
    let out: FileHandle
    /// Give this to `Process.standardError`.
    let err: FileHandle
    private let outURL: URL
    private let errURL: URL

    /// A new folder named `prefix-UUID` with empty `stdout` and `stderr` files open for writing.
    init(prefix: String) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        outURL = folder.appendingPathComponent("stdout")
        errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        out = try FileHandle(forWritingTo: outURL)
        err = try FileHandle(forWritingTo: errURL)
    }

    deinit {
        try? out.close()
        try? err.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// What was written to standard output so far.
    var standardOutput: String { Self.read(outURL) }
    /// What was written to standard error so far.
    var standardError: String { Self.read(errURL) }

    private static func read(_ url: URL) -> String {
        String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
    }
}
