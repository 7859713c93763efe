#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe file writes: a temporary file in the same directory, flushed to disk, renamed over the final name
/// (the old version or the new one, never a mix), then the directory flushed so the rename survives a crash.
enum DurableFile {
    /// Writes `bytes` to `path` through `temporary` (a name in the same directory), readable by the owner only.
    static func write(_ bytes: [UInt8], to path: String, through temporary: String) throws(QueueFailure) {
        let file = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw QueueFailure(operation: "create", path: temporary, code: errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(file, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let code = errno
                close(file)
                unlink(temporary)
                throw QueueFailure(operation: "write", path: temporary, code: code)
            }
            written += count
        }
        let synced = fsync(file) == 0
        let code = errno
        close(file)
        guard synced else {
            unlink(temporary)
            throw QueueFailure(operation: "fsync", path: temporary, code: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw QueueFailure(operation: "rename", path: path, code: code)
        }
        syncDirectory(of: path)
    }

    /// Flushes the directory holding `path`, so a rename or an unlink in it survives a crash.
    static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let folder = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }
}
