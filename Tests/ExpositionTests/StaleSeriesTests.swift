import Config
import Prober
import Prometheus
import Testing

@testable import Exposition

/// Gauges describe only the last probe; removed targets leave nothing behind.
@Suite struct StaleSeriesTests {
    @Test func factsTheLastProbeDidNotLearnDisappear() async {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let target = Fixtures.imapsTarget()
        metrics.record(result: Fixtures.success(), target: target)
        let before = ParsedExposition(metrics.render())
        #expect(before.samples("imap_tls_info").count == 1)
        #expect(before.samples("imap_quota_usage_bytes").count == 1)
        #expect(before.samples("imap_probe_phase_seconds").count == 9)

        metrics.record(result: Fixtures.connectRefused(), target: target)
        let after = ParsedExposition(metrics.render())
        for family in [
            "imap_tls_info", "imap_tls_cert_not_after_timestamp_seconds",
            "imap_tls_cert_chain_earliest_not_after_timestamp_seconds", "imap_tls_cert_verified",
            "imap_quota_usage_bytes", "imap_quota_limit_bytes", "imap_quota_usage_messages",
            "imap_quota_limit_messages", "imap_mailbox_messages", "imap_capability_info",
        ] {
            #expect(after.family(family) == nil, "\(family) should be gone")
        }
        #expect(after.samples("imap_probe_phase_seconds").map { $0.components(separatedBy: "phase=").last! } == [
            #""connect"} 0.0007"#, #""resolve"} 0.0003"#,
        ])
        #expect(after.samples("imap_probe_success").map { $0.hasSuffix(" 0.0") } == [true])
    }

    @Test func changedTLSInfoAndVanishedQuotaRootAreReplaced() async {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let target = Fixtures.imapsTarget()
        metrics.record(
            result: Fixtures.success(quota: [Fixtures.quota(root: "User quota"), Fixtures.quota(root: "Shared")]),
            target: target)
        #expect(ParsedExposition(metrics.render()).samples("imap_quota_limit_bytes").count == 2)

        metrics.record(
            result: Fixtures.success(
                tls: Fixtures.tls(version: "TLSv1.2", cipher: "ECDHE-RSA-AES128-GCM-SHA256"),
                quota: [Fixtures.quota(root: "User quota")]),
            target: target)
        let text = ParsedExposition(metrics.render())
        #expect(text.samples("imap_tls_info").count == 1)
        #expect(text.samples("imap_tls_info").first?.contains(#"version="TLSv1.2",cipher="ECDHE-RSA-AES128-GCM-SHA256""#) == true)
        for family in ["imap_quota_usage_bytes", "imap_quota_limit_bytes", "imap_quota_usage_messages"] {
            #expect(text.samples(family).count == 1)
            #expect(!text.samples(family).contains { $0.contains(#"root="Shared""#) })
        }
    }

    @Test func removedTargetLeavesNoSeries() async {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        metrics.record(result: Fixtures.connectRefused(), target: Fixtures.imapsTarget())
        metrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget())
        metrics.record(result: Fixtures.starttlsAuthFailed(), target: Fixtures.starttlsTarget())
        #expect(metrics.targetNames == ["mail-a", "mail-b"])

        metrics.remove(target: "mail-a")
        let text = ParsedExposition(metrics.render())
        #expect(!text.lines.contains { $0.contains(#"target="mail-a""#) })
        #expect(text.samples("imap_probe_success").count == 1)
        #expect(text.samples("imap_probe_failures_total").count == 1)
        // Families only mail-a had are gone entirely, header included.
        #expect(text.family("imap_quota_usage_bytes") == nil)
        #expect(text.family("imap_mailbox_messages") == nil)
        #expect(metrics.targetNames == ["mail-b"])

        metrics.reconcile(with: [Fixtures.imapsTarget(name: "mail-c")])
        #expect(metrics.render() == "")
        #expect(metrics.targetNames == [])
    }

    @Test func changedTargetLabelsReplaceEverySeries() async {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        metrics.record(result: Fixtures.connectRefused(), target: Fixtures.imapsTarget())
        metrics.record(
            result: Fixtures.success(), target: Fixtures.imapsTarget(labels: [TargetLabel(name: "env", value: "dev")]))
        let text = ParsedExposition(metrics.render())
        #expect(!text.lines.contains { $0.contains(#"env="prod""#) })
        #expect(text.family("imap_probe_failures_total") == nil)
        #expect(text.samples("imap_probe_success") == [
            #"imap_probe_success{target="mail-a",host="imap.example.org",port="993",tls="implicit",env="dev"} 1.0"#
        ])
    }
}
