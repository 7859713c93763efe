#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A folder of the storage path made ready before alerting starts: created (owner only) when missing, and shown
/// to be writable by creating and removing a file in it, so a folder the agent cannot use fails at start, or at
/// the reload that starts alerting, rather than at the first notification.
public enum StorageDirectory {
    /// Why the folder cannot be used: the path and the system's reason (`Not a directory`, `Permission denied`).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Creates `path` (and its parents) if needed.
    public static func create(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch let error as CocoaError {
            let reason = (error.underlying as? POSIXError).map { String(cString: strerror($0.code.rawValue)) }
            throw Failure(description: "cannot create \(error.filePath ?? path): \(reason ?? "\(error.code)")")
        } catch {
            throw Failure(description: "cannot create \(path): \(error)")
        }
    }

    /// Fails unless a file can be created in `path` (a read-only file system, a folder of another user).
    public static func checkWritable(_ path: String) throws(Failure) {
        let probe = path + "/write-test.tmp"
        let file = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard file >= 0 else {
            throw Failure(description: "cannot write in \(path): \(String(cString: strerror(errno)))")
        }
        close(file)
        unlink(probe)
    }
}
