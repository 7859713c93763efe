import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves host names to TCP addresses with the system resolver (`getaddrinfo`), off the event loops.
public enum Resolver {
    /// Every IPv6 and IPv4 address of `host`, in the order `getaddrinfo` ranks them, without duplicates.
    ///
    /// Numeric hosts (`127.0.0.1`, `::1`, `[::1]`) are returned as they are, without asking DNS. A host with an
    /// embedded NUL is refused: C would read only the text before it.
    /// The blocking lookup runs on NIO's shared thread pool. Failure throws `.resolveFailed` with
    /// `gai_strerror`'s text.
    public static func resolve(host: String, port: Int) async throws(TransportError) -> [ResolvedAddress] {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard !host.utf8.contains(0) else {
            throw TransportError(.resolveFailed, "the host name contains a NUL byte")
        }
        guard (0...65535).contains(port) else {
            throw TransportError(.resolveFailed, "port out of range: \(port)")
        }
        if IPLiteral.family(of: bare) != nil {
            return [try ResolvedAddress(ip: bare, port: port)]
        }
        let outcome: Result<[ResolvedAddress], TransportError>
        do {
            outcome = try await NIOThreadPool.singleton.runIfActive {
                lookUp(host: bare, port: port)
            }
        } catch {
            throw TransportError(.resolveFailed, "resolver thread pool unavailable: \(error)")
        }
        return try outcome.get()
    }

    /// The blocking `getaddrinfo` call.
    private static func lookUp(host: String, port: Int) -> Result<[ResolvedAddress], TransportError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            let text = String(cString: gai_strerror(status))
            return .failure(TransportError(.resolveFailed, "\(host): \(text)"))
        }
        defer { freeaddrinfo(list) }
        var addresses: [ResolvedAddress] = []
        var cursor = list
        while let entry = cursor {
            if let address = address(of: entry.pointee, port: port), !addresses.contains(address) {
                addresses.append(address)
            }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else {
            return .failure(TransportError(.resolveFailed, "\(host): no IPv4 or IPv6 addresses"))
        }
        return .success(addresses)
    }

    /// The numeric address of one `addrinfo` entry, if it is IPv4 or IPv6.
    private static func address(of entry: addrinfo, port: Int) -> ResolvedAddress? {
        guard let sockaddrPointer = entry.ai_addr else { return nil }
        let octets: [UInt8]
        switch entry.ai_family {
        case AF_INET:
            let sin = UnsafeRawPointer(sockaddrPointer).loadUnaligned(as: sockaddr_in.self)
            octets = withUnsafeBytes(of: sin.sin_addr) { Array($0) }
        case AF_INET6:
            let sin6 = UnsafeRawPointer(sockaddrPointer).loadUnaligned(as: sockaddr_in6.self)
            octets = withUnsafeBytes(of: sin6.sin6_addr) { Array($0) }
        default:
            return nil
        }
        guard let ip = IPLiteral.format(octets) else { return nil }
        return try? ResolvedAddress(ip: ip, port: port)
    }
}
