import CompressNIO
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import Exposition

/// `/metrics` compressed with gzip when the request accepts it (q-values honoured), identity otherwise.
@Suite struct MetricsGzipTests {
    struct Setup {
        let probeMetrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let app: any ApplicationProtocol

        init() {
            _ = AgentMetrics(registry: probeMetrics.registry, version: "9.8.7", revision: "abc1234")
            let router = MetricsRouter(metrics: probeMetrics, readiness: Readiness(ready: true), version: "9.8.7")
            app = MetricsApplication.make(router: router, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
        }
    }

    @Test(arguments: ["gzip", "gzip, deflate, br", "deflate;q=0.5, GZIP;q=0.8", "*", "x-gzip", "identity;q=0.5, gzip"])
    func gzipDecompressesToTheIdentityBody(acceptEncoding: String) async throws {
        let setup = Setup()
        setup.probeMetrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget())
        try await setup.app.test(.router) { client in
            let identity = try await client.execute(uri: "/metrics", method: .get)
            #expect(identity.headers[.contentEncoding] == nil)
            #expect(identity.headers[.vary] == "Accept-Encoding")
            let compressed = try await client.execute(
                uri: "/metrics", method: .get, headers: [.acceptEncoding: acceptEncoding])
            #expect(compressed.status == .ok)
            #expect(compressed.headers[.contentEncoding] == "gzip")
            #expect(compressed.headers[.vary] == "Accept-Encoding")
            #expect(compressed.headers[.contentType] == MetricsRouter.metricsContentType)
            #expect(Array(compressed.body.readableBytesView.prefix(2)) == [0x1f, 0x8b])
            #expect(compressed.body.readableBytes < identity.body.readableBytes)
            var body = compressed.body
            let inflated = try body.decompress(with: ZlibAlgorithm.gzip)
            #expect(String(buffer: inflated) == String(buffer: identity.body))
            #expect(String(buffer: inflated).contains("imap_probe_success{"))
        }
    }

    @Test(arguments: ["gzip;q=0", "GZIP; Q=0.000", "deflate, br", "identity", "*;q=0, identity", "gzip;q=0.5, identity", "", "gzip;q=abc"])
    func identityWhenGzipIsNotWanted(acceptEncoding: String) async throws {
        let setup = Setup()
        try await setup.app.test(.router) { client in
            let response = try await client.execute(
                uri: "/metrics", method: .get, headers: [.acceptEncoding: acceptEncoding])
            #expect(response.status == .ok)
            #expect(response.headers[.contentEncoding] == nil)
            #expect(response.headers[.vary] == "Accept-Encoding")
            #expect(String(buffer: response.body).contains("imapwatch_build_info{"))
        }
    }

    @Test func onlyMetricsIsCompressed() async throws {
        let setup = Setup()
        try await setup.app.test(.router) { client in
            let response = try await client.execute(uri: "/-/healthy", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(response.headers[.contentEncoding] == nil)
            #expect(String(buffer: response.body) == "OK\n")
        }
    }

    @Test(arguments: [
        ("gzip", 1.0, 1.0), ("gzip;q=0.3", 0.3, 1.0), ("*;q=0.2", 0.2, 0.2), ("*;q=0, gzip", 1.0, 0.0),
        ("identity;q=0", 0.0, 0.0), ("gzip;q=1.5", 0.0, 1.0), ("gzip;q=0.1234", 0.0, 1.0), ("gzip ; q = 0.7", 0.7, 1.0),
        ("x-gzip;q=0.4, gzip;q=0.2", 0.4, 1.0),
    ])
    func weights(header: String, gzip: Double, identity: Double) {
        let parsed = AcceptEncoding(header: header)
        #expect(parsed.quality(of: "gzip") == gzip)
        #expect(parsed.quality(of: "identity") == identity)
    }
}
