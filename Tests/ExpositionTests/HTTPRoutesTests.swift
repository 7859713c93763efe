import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import Exposition

/// The HTTP endpoints through Hummingbird's in-process router test client.
@Suite struct HTTPRoutesTests {
    struct Setup {
        let readiness = Readiness()
        let probeMetrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let agent: AgentMetrics
        let app: any ApplicationProtocol

        init(refresh: (AgentMetrics) -> @Sendable () async -> Void = { _ in {} }) {
            agent = AgentMetrics(registry: probeMetrics.registry, version: "9.8.7", revision: "abc123")
            let router = MetricsRouter(
                metrics: probeMetrics, readiness: readiness, version: "9.8.7", refresh: refresh(agent))
            app = MetricsApplication.make(router: router, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
        }
    }

    @Test func metricsHasTheTextFormatContentTypeAndBothRegistriesParts() async throws {
        let setup = Setup()
        setup.probeMetrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget())
        setup.agent.probeFinished(Fixtures.success())
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let body = String(buffer: response.body)
                #expect(body == setup.probeMetrics.render())
                #expect(body.contains(#"imap_probe_success{target="mail-a",host="imap.example.org",port="993""#))
                #expect(body.contains(#"imapwatch_build_info{version="9.8.7",revision="abc123"} 1"#))
                #expect(body.contains(#"imapwatch_probes_total{result="success"} 1"#))
                #expect(!body.contains(Fixtures.password))
            }
        }
    }

    @Test func metricsAwaitsRefreshBeforeRendering() async throws {
        let setup = Setup(refresh: { agent in { agent.setProbesInFlight(3) } })
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains("imapwatch_probes_in_flight 3"))
            }
        }
    }

    @Test func healthyIsAlwaysOK() async throws {
        let setup = Setup()
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/-/healthy", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "OK\n")
            }
        }
    }

    @Test func readyIs503UntilTheConfigurationLoaded() async throws {
        let setup = Setup()
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/-/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "not ready: configuration not loaded\n")
            }
            setup.readiness.set(ready: true)
            try await client.execute(uri: "/-/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "OK\n")
            }
        }
    }

    @Test func rootIsTheStatusPageAndLinksTheEndpoints() async throws {
        let setup = Setup()
        setup.probeMetrics.record(result: Fixtures.connectRefused(), target: Fixtures.imapsTarget())
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let body = String(buffer: response.body)
                for link in [#"href="metrics""#, #"href="probe""#, #"href="-/healthy""#, #"href="-/ready""#] {
                    #expect(body.contains(link))
                }
                #expect(body.contains(#"<span class="version">9.8.7</span>"#))
                #expect(body.contains(#"<tr class="target down" data-target="mail-a">"#))
                #expect(!body.contains(Fixtures.username) && !body.contains(Fixtures.password))
            }
            try await client.execute(uri: "/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func htmlEscaping() {
        #expect(HTML.escaped(#"<a href='x'">&"#) == "&lt;a href=&#39;x&#39;&quot;&gt;&amp;")
    }
}
