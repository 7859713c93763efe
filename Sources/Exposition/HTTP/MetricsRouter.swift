import Hummingbird

/// Builds the agent's HTTP routes: `/metrics`, `/-/healthy`, `/-/ready` and `/`.
///
/// `/metrics` renders the whole registry of `metrics` (so `AgentMetrics` registered in the same registry appear
/// too), after awaiting `refresh` so gauges that are read at scrape time (probes in flight) are current; it is
/// gzip-compressed when the request's `Accept-Encoding` accepts gzip. Every route, and the 404 for any other
/// path, requires the credentials of `authenticator` while it has users.
public struct MetricsRouter: Sendable {
    /// The Prometheus text format's content type.
    public static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The series to render.
    public let metrics: ProbeMetrics
    /// What `/-/ready` reports.
    public let readiness: Readiness
    /// Shown on the landing page.
    public let version: String
    /// Awaited before every `/metrics` render.
    public let refresh: @Sendable () async -> Void
    /// Who may read the endpoints; without users, everybody.
    public let authenticator: BasicAuthenticator

    /// Routes over `metrics` and `readiness`, open to everybody unless `authenticator` has users.
    public init(
        metrics: ProbeMetrics, readiness: Readiness, version: String,
        authenticator: BasicAuthenticator = BasicAuthenticator(),
        refresh: @escaping @Sendable () async -> Void = {}
    ) {
        self.metrics = metrics
        self.readiness = readiness
        self.version = version
        self.authenticator = authenticator
        self.refresh = refresh
    }

    /// A router with the four routes.
    public func build() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: BasicAuthMiddleware(authenticator: authenticator))
        let metrics = metrics
        let readiness = readiness
        let refresh = refresh
        let page = LandingPage.html(version: version)
        router.get("/metrics") { request, _ -> Response in
            await refresh()
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16 * 1024)
            metrics.emit(into: &bytes)
            let acceptEncoding = AcceptEncoding(header: request.headers[values: .acceptEncoding].joined(separator: ","))
            return MetricsBody.response(
                ByteBuffer(bytes: bytes), contentType: Self.metricsContentType, acceptEncoding: acceptEncoding)
        }
        router.get("/-/healthy") { _, _ -> Response in
            Self.response(.ok, "text/plain; charset=utf-8", ByteBuffer(string: "OK\n"))
        }
        router.get("/-/ready") { _, _ -> Response in
            readiness.isReady
                ? Self.response(.ok, "text/plain; charset=utf-8", ByteBuffer(string: "OK\n"))
                : Self.response(
                    .serviceUnavailable, "text/plain; charset=utf-8",
                    ByteBuffer(string: "not ready: configuration not loaded\n"))
        }
        router.get("/") { _, _ -> Response in
            Self.response(.ok, "text/html; charset=utf-8", ByteBuffer(string: page))
        }
        return router
    }

    static func response(_ status: HTTPResponse.Status, _ contentType: String, _ body: ByteBuffer) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: body))
    }
}
