/// Bounds on the agent's own HTTP connections, so clients that connect and go quiet (a slow or stalled
/// request, a TLS handshake never finished, a forgotten keep-alive) cannot take the file descriptors the probes
/// need: a monitor whose probes fail with "too many open files" would raise false alerts.
public struct HTTPConnectionLimits: Sendable {
    /// A connection that has not delivered a whole request for this long is closed: idle between keep-alive
    /// requests, a request head still incomplete, or a TLS handshake not finished. A request being answered
    /// (a slow `/probe`) is never cut. Two minutes is longer than common scrape intervals, so a Prometheus
    /// keep-alive connection is reused rather than closed between scrapes.
    public var idleTimeout: Duration
    /// At most this many connections at once; further clients wait in the listen backlog until one closes.
    public var maximumConnections: Int

    public init(idleTimeout: Duration = .seconds(120), maximumConnections: Int = 256) {
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
    }
}
