import BlockingWork
import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves host names to TCP addresses with the system resolver (`getaddrinfo`), on an executor of its own.
///
/// `getaddrinfo` blocks and cannot be cancelled: a probe that gives up at its deadline leaves its lookup running
/// until the resolver's own timeouts and retries end it. Lookups therefore run on a `BlockingExecutor` that nothing
/// else uses, one thread per lookup, so an abandoned lookup holds only its own thread: never a worker that another
/// probe's lookup, an alert delivery or a password check waits for. Identical lookups in flight share one thread
/// (a name that hangs costs one thread however often it is probed), and at most `maximumLookups` distinct lookups
/// run at once; one beyond that fails at once with `.resolveFailed`, counted in the executor's statistics.
public final class Resolver: Sendable {
    /// Distinct lookups that may run at once by default.
    public static let defaultMaximumLookups = 64

    private struct Key: Hashable {
        var host: String
        var port: Int
    }

    private typealias Waiter = CheckedContinuation<Result<[ResolvedAddress], TransportError>, Never>

    /// The blocking lookup of a name and port.
    typealias LookUp = @Sendable (_ host: String, _ port: Int) -> Result<[ResolvedAddress], TransportError>

    private let executor: BlockingExecutor
    private let lookUp: LookUp
    private let waiting = NIOLockedValueBox<[Key: [Waiter]]>([:])

    /// A resolver running at most `maximumLookups` distinct lookups at once.
    public convenience init(maximumLookups: Int = Resolver.defaultMaximumLookups) {
        self.init(maximumLookups: maximumLookups, lookUp: Self.systemLookUp)
    }

    /// A resolver whose lookups are `lookUp` (tests stand in a lookup that blocks for as long as they say).
    init(maximumLookups: Int, lookUp: @escaping LookUp) {
        executor = BlockingExecutor(name: "resolver", concurrency: maximumLookups, queueLimit: 0)
        self.lookUp = lookUp
    }

    /// The lookups running now and those refused so far.
    public var statistics: BlockingExecutor.Statistics { executor.statistics }

    /// Every IPv6 and IPv4 address of `host`, in the order `getaddrinfo` ranks them, without duplicates.
    ///
    /// Numeric hosts (`127.0.0.1`, `::1`, `[::1]`) are returned as they are, without asking DNS. A host with an
    /// embedded NUL is refused: C would read only the text before it. Failure throws `.resolveFailed` with
    /// `gai_strerror`'s text.
    public func resolve(host: String, port: Int) async throws(TransportError) -> [ResolvedAddress] {
        guard !host.utf8.contains(0) else {
            throw TransportError(.resolveFailed, "the host name contains a NUL byte")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard (0...65535).contains(port) else {
            throw TransportError(.resolveFailed, "port out of range: \(port)")
        }
        if IPLiteral.family(of: bare) != nil {
            return [try ResolvedAddress(ip: bare, port: port)]
        }
        let key = Key(host: bare, port: port)
        let outcome = await withCheckedContinuation { (waiter: Waiter) in
            let isFirst = waiting.withLockedValue { waiting in
                let isFirst = waiting[key] == nil
                waiting[key, default: []].append(waiter)
                return isFirst
            }
            guard isFirst else { return }
            executor.submit { [self] in
                answer(key, lookUp(key.host, key.port))
            } onRefusal: { [self] rejected in
                answer(key, .failure(TransportError(.resolveFailed, "\(key.host): not looked up: \(rejected.reason)")))
            }
        }
        return try outcome.get()
    }

    /// Answers everyone waiting for the lookup of `key`.
    private func answer(_ key: Key, _ outcome: Result<[ResolvedAddress], TransportError>) {
        let waiters = waiting.withLockedValue { $0.removeValue(forKey: key) ?? [] }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }

    /// The blocking `getaddrinfo` call.
    @Sendable private static func systemLookUp(host: String, port: Int) -> Result<[ResolvedAddress], TransportError> {
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
