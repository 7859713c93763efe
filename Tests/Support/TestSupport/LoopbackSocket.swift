import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP connection to 127.0.0.1, for tests that need a client doing exactly what they say: sending
/// half a request, or nothing at all. Every receive and send gives up after the timeout it was opened with.
/// Used from one task at a time (hence `@unchecked Sendable`: handed to a thread for a blocking read).
public final class LoopbackSocket: @unchecked Sendable {
    /// How a read to the end of the stream finished.
    public enum Ending: Equatable, Sendable {
        /// The server closed the connection (EOF or reset).
        case closed
        /// Nothing more arrived within the timeout; the connection is still open.
        case timedOut
    }

    /// A socket call failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let fd: Int32
    private var isClosed = false

    /// Connects to 127.0.0.1:`port`; receives and sends time out after `timeout`.
    public init(port: Int, timeout: Duration) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        let (seconds, attoseconds) = timeout.components
        var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let error = errno
            _ = Self.systemClose(fd)
            throw Failure(description: "connect to port \(port): errno \(error)")
        }
    }

    #if canImport(Glibc)
    private static let systemSend = Glibc.send
    private static let systemClose = Glibc.close
    #else
    private static let systemSend = Darwin.send
    private static let systemClose = Darwin.close
    #endif

    deinit {
        close()
    }

    /// Closes the connection (once; later calls do nothing).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Self.systemClose(fd)
    }

    /// `receiveToEnd()` on a thread of its own, so a test's wait does not hold one of the few threads of the
    /// cooperative pool that the server under test also runs on.
    public func receiveToEndOffThePool() async -> (bytes: [UInt8], ending: Ending) {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.receiveToEnd()) }
            thread.start()
        }
    }

    /// Sends all of `text`.
    public func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Self.systemSend(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += count
        }
    }

    /// Reads until the server closes the connection or nothing arrives within the timeout; what arrived, and
    /// which of the two ended it.
    public func receiveToEnd() -> (bytes: [UInt8], ending: Ending) {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count > 0 {
                received += chunk[0..<count]
                continue
            }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { return (received, .timedOut) }
            return (received, .closed)  // 0: EOF; ECONNRESET and the like: closed too
        }
    }
}
