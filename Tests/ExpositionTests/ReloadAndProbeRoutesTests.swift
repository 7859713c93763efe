import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import NIOConcurrencyHelpers
import Testing

@testable import Exposition

/// `/-/reload` and `/probe` through Hummingbird's in-process router test client: what reaches the closures the
/// command gives, and how their answers are served.
@Suite struct ReloadAndProbeRoutesTests {
    func app(
        reload: (@Sendable () async -> ReloadOutcome)? = nil,
        probe: (@Sendable (ProbeEndpointRequest) async -> ProbeEndpointResponse)? = nil
    ) -> some ApplicationProtocol {
        let router = MetricsRouter(
            metrics: ProbeMetrics(registry: PrometheusCollectorRegistry()), readiness: Readiness(ready: true),
            version: "1", reload: reload, probe: probe)
        return MetricsApplication.make(router: router, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
    }

    @Test func reloadAnswers200WhenTheNewConfigurationRuns() async throws {
        let calls = NIOLockedValueBox(0)
        let app = app(reload: {
            calls.withLockedValue { $0 += 1 }
            return .reloaded(summary: "2 targets (1 added, 0 removed, 0 changed)")
        })
        try await app.test(.router) { client in
            try await client.execute(uri: "/-/reload", method: .post) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "OK: 2 targets (1 added, 0 removed, 0 changed)\n")
            }
            try await client.execute(uri: "/-/reload", method: .put) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(calls.withLockedValue { $0 } == 2)
    }

    @Test func reloadAnswers500WithTheErrorsWhenRejected() async throws {
        let app = app(reload: { .rejected(reason: "imapwatch.yml:4:5: unknown key \"colour\"") })
        try await app.test(.router) { client in
            try await client.execute(uri: "/-/reload", method: .post) { response in
                #expect(response.status == .internalServerError)
                #expect(
                    String(buffer: response.body)
                        == "failed to reload config: imapwatch.yml:4:5: unknown key \"colour\"\n")
            }
        }
    }

    @Test func reloadByGETIsNotAllowedAndDoesNotReload() async throws {
        let calls = NIOLockedValueBox(0)
        let app = app(reload: {
            calls.withLockedValue { $0 += 1 }
            return .reloaded(summary: "")
        })
        try await app.test(.router) { client in
            try await client.execute(uri: "/-/reload", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST, PUT")
            }
        }
        #expect(calls.withLockedValue { $0 } == 0)
    }

    @Test func withoutClosuresTheRoutesAreAbsent() async throws {
        let app = app()
        try await app.test(.router) { client in
            try await client.execute(uri: "/-/reload", method: .post) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/probe?target=a", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func probeGetsTheDecodedParametersAndTheScrapeTimeout() async throws {
        let seen = NIOLockedValueBox<ProbeEndpointRequest?>(nil)
        let app = app(probe: { request in
            seen.withLockedValue { $0 = request }
            return ProbeEndpointResponse(status: .ok, contentType: "text/plain; version=0.0.4", body: "x 1\n")
        })
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/probe?target=%5B::1%5D%3A993&module=imaps_login&debug=true", method: .get,
                headers: [.init("X-Prometheus-Scrape-Timeout-Seconds")!: "9.5"]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4")
                #expect(String(buffer: response.body) == "x 1\n")
            }
        }
        let request = try #require(seen.withLockedValue { $0 })
        #expect(request == ProbeEndpointRequest(
            target: "[::1]:993", module: "imaps_login", debug: true, scrapeTimeout: .milliseconds(9500)))
    }

    @Test func probeServesTheStatusOfTheAnswer() async throws {
        let app = app(probe: { _ in .error(.badRequest, "the target parameter is missing") })
        try await app.test(.router) { client in
            try await client.execute(uri: "/probe", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body) == "the target parameter is missing\n")
            }
        }
    }

    @Test(arguments: [
        ("debug=1", true), ("debug=TRUE", true), ("debug=false", false), ("debug=yes", false), ("", false),
    ])
    func debugParameter(query: String, expected: Bool) {
        let pairs = query.isEmpty ? [] : [(String(query.split(separator: "=")[0]), String(query.split(separator: "=")[1]))]
        #expect(ProbeEndpointRequest(parameters: pairs, scrapeTimeoutHeader: nil).debug == expected)
    }

    @Test(arguments: [("10", Duration.seconds(10)), ("0.25", .milliseconds(250))])
    func scrapeTimeoutHeader(header: String, expected: Duration) {
        #expect(ProbeEndpointRequest(parameters: [], scrapeTimeoutHeader: header).scrapeTimeout == expected)
    }

    @Test(arguments: ["0", "-3", "soon", "nan", "inf", ""])
    func scrapeTimeoutHeaderThatIsNotAPositiveNumberIsIgnored(header: String) {
        #expect(ProbeEndpointRequest(parameters: [], scrapeTimeoutHeader: header).scrapeTimeout == nil)
    }
}
