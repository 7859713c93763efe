import Hummingbird
import Prober

/// Builds the agent's HTTP routes: `/metrics`, `/probe`, `/-/healthy`, `/-/ready`, `/-/reload` and `/`.
///
/// `/` is the status page (`StatusPage`) of `metrics.board`, rendered at the time `now` gives.
/// `/metrics` renders the whole registry of `metrics` (so `AgentMetrics` registered in the same registry appear
/// too), after awaiting `refresh` so gauges that are read at scrape time (probes in flight) are current; it is
/// gzip-compressed when the request's `Accept-Encoding` accepts gzip. `/probe` and `/-/reload` hand the work to the
/// closures the command gives; without them the routes are absent. Every route, and the 404 for any other path,
/// requires the credentials of `authenticator` while it has users.
public struct MetricsRouter: Sendable {
    /// The Prometheus text format's content type.
    public static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The series to render.
    public let metrics: ProbeMetrics
    /// What `/-/ready` reports.
    public let readiness: Readiness
    /// Shown on the status page.
    public let version: String
    /// The wall clock (Unix seconds) the status page is rendered at.
    public let now: @Sendable () -> Double
    /// Awaited before every `/metrics` render.
    public let refresh: @Sendable () async -> Void
    /// Runs `POST /-/reload`.
    public let reload: (@Sendable () async -> ReloadOutcome)?
    /// Runs one `/probe` request.
    public let probe: (@Sendable (ProbeEndpointRequest) async -> ProbeEndpointResponse)?
    /// Who may read the endpoints; without users, everybody.
    public let authenticator: BasicAuthenticator

    /// Routes over `metrics` and `readiness`, open to everybody unless `authenticator` has users.
    public init(
        metrics: ProbeMetrics, readiness: Readiness, version: String,
        authenticator: BasicAuthenticator = BasicAuthenticator(),
        now: @escaping @Sendable () -> Double = Prober.unixTime,
        refresh: @escaping @Sendable () async -> Void = {},
        reload: (@Sendable () async -> ReloadOutcome)? = nil,
        probe: (@Sendable (ProbeEndpointRequest) async -> ProbeEndpointResponse)? = nil
    ) {
        self.metrics = metrics
        self.readiness = readiness
        self.version = version
        self.now = now
        self.authenticator = authenticator
        self.refresh = refresh
        self.reload = reload
        self.probe = probe
    }

    /// A router with the four routes.
    public func build() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: BasicAuthMiddleware(authenticator: authenticator))
        let metrics = metrics
        let readiness = readiness
        let refresh = refresh
        let version = version
        let now = now
        router.get("/metrics") { request, _ -> Response in
            await refresh()
            var body = ByteBuffer()
            metrics.emit(into: &body)
            let acceptEncoding = AcceptEncoding(header: request.headers[values: .acceptEncoding].joined(separator: ","))
            return MetricsBody.response(body, contentType: Self.metricsContentType, acceptEncoding: acceptEncoding)
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
            let page = StatusPage.html(metrics.board.snapshot(), now: now(), version: version)
            return Self.response(.ok, "text/html; charset=utf-8", ByteBuffer(string: page))
        }
        if let reload { addReload(to: router, reload) }
        if let probe { addProbe(to: router, probe) }
        return router
    }

    /// `POST` or `PUT /-/reload`: 200 when the new configuration runs, 500 with the errors when it was rejected
    /// (as Prometheus answers); any other method gets 405.
    private func addReload(to router: Router<BasicRequestContext>, _ reload: @escaping @Sendable () async -> ReloadOutcome) {
        let handler: @Sendable (Request, BasicRequestContext) async -> Response = { _, _ in
            switch await reload() {
            case .reloaded(let summary):
                return Self.response(.ok, "text/plain; charset=utf-8", ByteBuffer(string: "OK: \(summary)\n"))
            case .rejected(let reason):
                return Self.response(
                    .internalServerError, "text/plain; charset=utf-8",
                    ByteBuffer(string: "failed to reload config: \(reason)\n"))
            }
        }
        router.post("/-/reload", use: handler)
        router.put("/-/reload", use: handler)
        router.get("/-/reload") { _, _ -> Response in
            var response = Self.response(
                .methodNotAllowed, "text/plain; charset=utf-8",
                ByteBuffer(string: "Only POST or PUT requests allowed\n"))
            response.headers[.allow] = "POST, PUT"
            return response
        }
    }

    /// `GET /probe?target=&module=[&debug=true]`: one probe now, answered by `probe`.
    private func addProbe(
        to router: Router<BasicRequestContext>,
        _ probe: @escaping @Sendable (ProbeEndpointRequest) async -> ProbeEndpointResponse
    ) {
        router.get("/probe") { request, _ -> Response in
            let parameters = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
            let timeoutHeader = request.headers.first {
                $0.name.canonicalName == "x-prometheus-scrape-timeout-seconds"
            }?.value
            let answer = await probe(ProbeEndpointRequest(parameters: parameters, scrapeTimeoutHeader: timeoutHeader))
            return Self.response(answer.status, answer.contentType, ByteBuffer(string: answer.body))
        }
    }

    static func response(_ status: HTTPResponse.Status, _ contentType: String, _ body: ByteBuffer) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: body))
    }
}
