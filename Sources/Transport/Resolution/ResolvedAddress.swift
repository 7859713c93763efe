import NIOCore

/// One IP address and port a host name resolved to, ready to connect to.
public struct ResolvedAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address family of an address.
    public enum Family: String, Sendable, Hashable {
        /// IPv4.
        case ipv4
        /// IPv6.
        case ipv6
    }

    /// The numeric IP address (`127.0.0.1`, `::1`), without brackets or port.
    public var ip: String
    /// The TCP port.
    public var port: Int
    /// Whether `ip` is IPv4 or IPv6.
    public var family: Family

    /// Makes an address from a numeric IP literal; throws `.resolveFailed` if `ip` is not one.
    public init(ip: String, port: Int) throws(TransportError) {
        guard let family = IPLiteral.family(of: ip) else {
            throw TransportError(.resolveFailed, "not a numeric IP address: \(ip)")
        }
        self.ip = ip
        self.port = port
        self.family = family
    }

    /// `127.0.0.1:993` or `[::1]:993`.
    public var description: String {
        family == .ipv6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    /// The NIO socket address for connecting.
    var socketAddress: SocketAddress {
        get throws(TransportError) {
            do {
                return try SocketAddress(ipAddress: ip, port: port)
            } catch {
                throw TransportError(.connectFailed, "cannot use address \(description): \(error)")
            }
        }
    }
}
