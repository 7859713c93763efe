import Config
import Prometheus
import Testing

@testable import Exposition

/// What a reload does to the exported series: reconcile, the reload gauges, and `/probe`'s registry of its own.
@Suite struct ReloadMetricsTests {
    @Test func reconcileRemovesDroppedTargetsAndTargetsWhoseLabelsChanged() async {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let kept = Fixtures.imapsTarget(name: "kept")
        let relabelled = Fixtures.imapsTarget(name: "relabelled")
        metrics.record(result: Fixtures.success(), target: kept)
        metrics.record(result: Fixtures.success(), target: relabelled)
        metrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget(name: "dropped"))
        var changed = relabelled
        changed.labels = [TargetLabel(name: "site", value: "elsewhere")]
        metrics.reconcile(with: [kept, changed, Fixtures.imapsTarget(name: "new")])
        #expect(metrics.targetNames == ["kept"])
        let text = metrics.render()
        #expect(text.contains(#"target="kept""#))
        #expect(!text.contains(#"target="dropped""#))
        #expect(!text.contains(#"target="relabelled""#))
    }

    @Test func reconcileKeepsCountersOfUnchangedTargets() async {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let target = Fixtures.imapsTarget(name: "kept")
        metrics.record(result: Fixtures.connectRefused(), target: target)
        metrics.reconcile(with: [target])
        metrics.record(result: Fixtures.connectRefused(), target: target)
        let lines = metrics.render().split(separator: "\n").filter { $0.hasPrefix("imap_probe_failures_total{") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#"target="kept""#) == true)
        #expect(lines.first?.hasSuffix(#"phase="connect",reason="connect_refused"} 2"#) == true, "\(lines)")
    }

    @Test func configLoadGaugesKeepTheLastSuccessTime() {
        let registry = PrometheusCollectorRegistry()
        let agent = AgentMetrics(registry: registry, version: "1", revision: "r")
        agent.recordConfigLoad(successful: true, at: 1_700_000_000)
        var text = render(registry)
        #expect(text.contains("imapwatch_config_last_reload_successful 1.0\n"))
        #expect(text.contains("imapwatch_config_last_reload_success_timestamp_seconds 1700000000"))
        agent.recordConfigLoad(successful: false, at: 1_700_000_100)
        text = render(registry)
        #expect(text.contains("imapwatch_config_last_reload_successful 0.0\n"))
        #expect(text.contains("imapwatch_config_last_reload_success_timestamp_seconds 1700000000"))
    }

    @Test func singleProbeMetricsHaveTheGaugesOnly() {
        let text = SingleProbeMetrics.render(result: Fixtures.connectRefused(), target: Fixtures.imapsTarget())
        #expect(text.contains(#"imap_probe_success{target="mail-a",host="imap.example.org",port="993",tls="implicit""#))
        #expect(text.contains(#"imap_probe_phase_seconds{"#))
        #expect(!text.contains("imap_probe_failures_total"))
        #expect(!text.contains("imap_probe_phase_duration_seconds"))
        #expect(!text.contains("imapwatch_"))
        for line in text.split(separator: "\n") where line.hasPrefix("# TYPE") {
            #expect(line.hasSuffix(" gauge"), "\(line)")
        }
    }

    func render(_ registry: PrometheusCollectorRegistry) -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
