import Prometheus
import Testing

@testable import Exposition

/// Neither the username nor the password ever reaches the exposition text.
@Suite struct SecretLeakTests {
    @Test func noUsernameOrPasswordInOutput() async {
        let registry = PrometheusCollectorRegistry()
        let metrics = ProbeMetrics(registry: registry)
        _ = AgentMetrics(registry: registry, version: "0.1.0", revision: "abc1234")
        metrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget())
        metrics.record(result: Fixtures.starttlsAuthFailed(), target: Fixtures.starttlsTarget())
        metrics.record(result: Fixtures.starttlsUnavailable(), target: Fixtures.starttlsTarget(name: "mail-c"))
        let text = metrics.render()
        // The fixtures do carry the username (transcript, server text): the test would catch a leak.
        #expect(Fixtures.success().transcript.contains { $0.text.contains(Fixtures.username) })
        #expect(Fixtures.starttlsAuthFailed().failure?.serverText?.contains(Fixtures.username) == true)
        #expect(!text.isEmpty)
        for needle in [Fixtures.username, "probe-user", Fixtures.password, "hunter2", "<redacted>"] {
            #expect(!text.contains(needle), "\(needle) leaked into the exposition")
        }
    }
}
