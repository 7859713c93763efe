/// Bounds on the agent's own HTTP connections, so clients that connect and go quiet (a slow or stalled
/// request, a TLS handshake never finished, a forgotten keep-alive) cannot take the file descriptors the probes
/// need: a monitor whose probes fail with "too many open files" would raise false alerts.
public struct HTTPConnectionLimits: Sendable, Equatable {
    /// A connection with nothing parsed for this long is closed: idle between keep-alive requests, a request
    /// head still incomplete, or a TLS handshake not finished. A request being answered (a slow `/probe`) is
    /// never cut. Two minutes is longer than common scrape intervals, so a Prometheus
    /// keep-alive connection is reused rather than closed between scrapes.
    public var idleTimeout: Duration
    /// A request must arrive whole (head, body, end) within this long of its head, or the connection is closed:
    /// the idle timer alone is pushed back by each byte of a body sent slowly.
    public var requestReadTimeout: Duration
    /// At most this many connections at once; further clients wait in the listen backlog until one closes.
    public var maximumConnections: Int

    /// The most connections served at once when the open-files limit allows it.
    public static let defaultMaximumConnections = 4_096

    public init(
        idleTimeout: Duration = .seconds(120), requestReadTimeout: Duration = .seconds(30),
        maximumConnections: Int = defaultMaximumConnections
    ) {
        self.idleTimeout = idleTimeout
        self.requestReadTimeout = requestReadTimeout
        self.maximumConnections = maximumConnections
    }

    /// The default limits for a process allowed `openFiles` descriptors (`nil`: unknown): at most a quarter of
    /// them for HTTP connections, so the rest stay for probes, notifications and files, and at most 4,096.
    ///
    /// A cap is a trade: a client holding that many quiet connections keeps a scrape waiting until the idle
    /// timeout frees one. A cap in the thousands asks that much of it, while the descriptors probes need stay
    /// free.
    public static func forOpenFilesLimit(_ openFiles: UInt64?) -> HTTPConnectionLimits {
        guard let openFiles else { return HTTPConnectionLimits() }
        let quarter = openFiles / 4
        let cap = quarter >= UInt64(defaultMaximumConnections) ? defaultMaximumConnections : Int(quarter)
        return HTTPConnectionLimits(maximumConnections: max(cap, 16))
    }
}
