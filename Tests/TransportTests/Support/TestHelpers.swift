import Foundation
import NIOCore
import NIOPosix
import Transport

#if canImport(Glibc)
import Glibc
#endif

/// Shared helpers for Transport tests.
enum TestHelpers {
    /// The event loop group every test connects with.
    static var group: any EventLoopGroup { MultiThreadedEventLoopGroup.singleton }

    /// A deadline `seconds` from now.
    static func deadline(_ seconds: Double) -> ContinuousClock.Instant {
        .now + .milliseconds(Int(seconds * 1000))
    }

    /// A 127.0.0.1 port that nothing listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EBADF) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Connects to 127.0.0.1:`port`.
    static func connect(port: Int, deadline: ContinuousClock.Instant) async throws -> TransportConnection {
        let addresses = [try ResolvedAddress(ip: "127.0.0.1", port: port)]
        return try await TransportConnection.connect(to: addresses, deadline: deadline, group: group).0
    }

    /// Reads until the bytes received end with LF (at most 50 reads); nil if EOF came first.
    static func readLine(_ connection: TransportConnection) async throws -> String? {
        var bytes: [UInt8] = []
        for _ in 0..<50 {
            guard let chunk = try await connection.read() else { return nil }
            bytes += chunk
            if bytes.last == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `body`, returning the TransportError it threw and how long it took; nil error if it did not throw.
    static func timed(_ body: () async throws -> Void) async -> (TransportError?, Duration) {
        let start = ContinuousClock.now
        do {
            try await body()
            return (nil, .now - start)
        } catch let error as TransportError {
            return (error, .now - start)
        } catch {
            return (TransportError(.init(rawValue: "unexpected"), "\(error)"), .now - start)
        }
    }
}
