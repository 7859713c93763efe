/// A `/probe` request as the router parsed it: which target, which module, and how much time the scraper gives.
public struct ProbeEndpointRequest: Sendable, Equatable {
    /// The `target` parameter: `host`, `host:port`, `[v6]:port`, or the name of a configured target.
    public var target: String?
    /// The `module` parameter.
    public var module: String?
    /// `debug=true`: the result and the redacted transcript instead of metrics.
    public var debug: Bool
    /// The scraper's timeout from `X-Prometheus-Scrape-Timeout-Seconds`, when it sent one.
    public var scrapeTimeout: Duration?

    /// A request with these parameters.
    public init(target: String?, module: String?, debug: Bool = false, scrapeTimeout: Duration? = nil) {
        self.target = target
        self.module = module
        self.debug = debug
        self.scrapeTimeout = scrapeTimeout
    }

    /// The request in `query` (already percent-decoded pairs) and the scrape-timeout header's value.
    ///
    /// `debug` is true for `true` or `1`; a scrape timeout that is not a positive number is ignored.
    public init(parameters: [(String, String)], scrapeTimeoutHeader: String?) {
        func first(_ name: String) -> String? {
            parameters.first { $0.0 == name }.map(\.1)
        }
        let debugValue = first("debug")?.lowercased()
        var timeout: Duration?
        if let header = scrapeTimeoutHeader, let seconds = Double(header), seconds.isFinite, seconds > 0 {
            timeout = .nanoseconds(Int64(min(seconds, 86_400) * 1e9))
        }
        self.init(
            target: first("target"), module: first("module"), debug: debugValue == "true" || debugValue == "1",
            scrapeTimeout: timeout)
    }
}
