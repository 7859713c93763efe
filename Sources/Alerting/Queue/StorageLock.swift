#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a storage directory (`lock` in it, `flock`), held for the life of the process, so two
/// agents given the same `--storage.path` (two shards on one host) cannot mix their queues and alert state.
public final class StorageLock: Sendable {
    private let descriptor: Int32

    /// Why the lock could not be taken.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Takes the lock on `directory` (which must exist), or fails at once when another process holds it.
    public init(directory: String) throws(Failure) {
        let path = directory + "/lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            throw Failure(
                description: code == EWOULDBLOCK
                    ? "\(directory) is in use by another imapwatch; give each agent its own --storage.path"
                    : "cannot lock \(path): \(String(cString: strerror(code)))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)  // releases the lock
    }
}
