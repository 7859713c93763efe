import BlockingWork
import Prober
import Prometheus
import TestSupport
import Testing

@testable import Exposition

/// promtool accepts the text of a rich registry without a lint warning.
@Suite struct PromtoolTests {
    @Test func richRegistryPassesPromtool() async throws {
        guard let promtool = Promtool.require() else { return }
        let registry = PrometheusCollectorRegistry()
        let agent = AgentMetrics(registry: registry, version: "0.3.0", revision: "dd25f96")
        let metrics = ProbeMetrics(registry: registry)
        let a = Fixtures.imapsTarget()
        for result in [Fixtures.success(), Fixtures.connectRefused(), Fixtures.success()] {
            metrics.record(result: result, target: a)
            agent.probeFinished(result)
            agent.recordPhases(of: result, module: "login")
        }
        metrics.record(result: Fixtures.starttlsAuthFailed(), target: Fixtures.starttlsTarget())
        metrics.record(result: Fixtures.starttlsUnavailable(), target: Fixtures.starttlsTarget(name: "mail-c"))
        metrics.record(
            result: Fixtures.success(quota: [Fixtures.quota(root: #"odd "root"\with\slashes"#), Fixtures.quota(root: "")]),
            target: Fixtures.imapsTarget(name: "mail-d", labels: []))
        agent.setProbesInFlight(2)
        agent.setTargets(4)
        agent.recordScheduleLag(.milliseconds(3))
        let alerts = AlertMetrics(registry: registry)
        alerts.register(receivers: ["ops-slack", "am"])
        alerts.count(.delivered, receiver: "ops-slack")
        alerts.recordDelivery(receiver: "ops-slack", duration: .milliseconds(120))
        alerts.setQueueLength(receiver: "am", 3)
        alerts.setAlerts(state: "firing", severity: "critical", count: 2)
        let executors = ExecutorMetrics(registry: registry, names: ["resolver", "auth", "delivery"])
        executors.record("auth", BlockingExecutor.Statistics(running: 1, queued: 4, rejected: 17))
        executors.record("auth", BlockingExecutor.Statistics(running: 0, queued: 0, rejected: 20))

        let text = metrics.render()
        for family in MetricCatalog.all {
            #expect(text.contains("# TYPE \(family.name) "), "\(family.name) missing from the rich registry")
        }
        let outcome = try promtool.checkMetrics(text)
        #expect(outcome.status == 0, "promtool exited \(outcome.status): \(outcome.output)")
        #expect(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(outcome.output)")
    }

    /// The check itself can fail: promtool flags a counter without `_total` and a non-base unit.
    @Test func promtoolFlagsBadText() throws {
        guard let promtool = Promtool.require() else { return }
        let bad = """
            # HELP imap_probe_failures Failures.
            # TYPE imap_probe_failures counter
            imap_probe_failures 1
            # HELP imap_probe_duration_milliseconds Duration.
            # TYPE imap_probe_duration_milliseconds gauge
            imap_probe_duration_milliseconds 12

            """
        let outcome = try promtool.checkMetrics(bad)
        #expect(outcome.status != 0 || !outcome.output.isEmpty)
        #expect(outcome.output.contains("_total"), "\(outcome.output)")
    }
}
