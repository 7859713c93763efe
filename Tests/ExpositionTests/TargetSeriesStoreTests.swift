import Config
import Prober
import Prometheus
import Testing

@testable import Exposition

/// The rendered per-target store: one header per family whatever the number of targets, targets in name order,
/// escaped label values, families without lines left out, and phase histograms that can be switched off.
@Suite struct TargetSeriesStoreTests {
    @Test func oneHeaderPerFamilyAndTargetsInNameOrder() {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        for name in ["mail-c", "mail-a", "mail-b"] {
            metrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget(name: name))
        }
        let lines = metrics.render().split(separator: "\n")
        #expect(lines.filter { $0 == "# TYPE imap_probe_success gauge" }.count == 1)
        let success = lines.filter { $0.hasPrefix("imap_probe_success{") }
        #expect(success.map { $0.split(separator: ",")[0] } == [
            #"imap_probe_success{target="mail-a""#, #"imap_probe_success{target="mail-b""#,
            #"imap_probe_success{target="mail-c""#,
        ])
        // The header sits right above its samples: the text format wants each family in one group.
        let header = lines.firstIndex(of: "# TYPE imap_probe_success gauge") ?? 0
        #expect(lines[header + 1].hasPrefix("imap_probe_success{target=\"mail-a\""))
    }

    @Test func familiesWithoutLinesHaveNoHeader() {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        metrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget())
        let text = metrics.render()
        #expect(!text.contains("imap_probe_failures_total"))
        #expect(!text.contains("imap_starttls_offered"))
        #expect(ProbeMetrics(registry: PrometheusCollectorRegistry()).render() == "")
    }

    @Test func labelValuesAreEscaped() {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let target = Fixtures.imapsTarget(labels: [TargetLabel(name: "note", value: "a \"b\" c\\d\ne")])
        metrics.record(result: Fixtures.success(), target: target)
        #expect(metrics.render().contains(#"note="a \"b\" c\\d\ne"} 1.0"#))
    }

    @Test func phaseHistogramsCanBeSwitchedOffAndDropWhatTheyHad() {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let target = Fixtures.imapsTarget()
        metrics.record(result: Fixtures.success(), target: target, phaseHistograms: false)
        #expect(!metrics.render().contains("imap_probe_phase_duration_seconds"))
        metrics.record(result: Fixtures.success(), target: target)
        #expect(metrics.render().contains(#"imap_probe_phase_duration_seconds_count{target="mail-a""#))
        metrics.record(result: Fixtures.success(), target: target, phaseHistograms: false)
        let text = metrics.render()
        #expect(!text.contains("imap_probe_phase_duration_seconds"))
        #expect(text.contains("imap_probe_phase_seconds{"), "the last probe's phase gauges stay")
    }

    @Test func histogramCountsNegativeDurationsAsZeroAndKeepsCumulativeBuckets() {
        var histogram = PhaseHistogram(bucketCount: 3)
        let bounds: [Duration] = [.milliseconds(1), .milliseconds(10), .milliseconds(100)]
        histogram.record(.milliseconds(-5), bounds: bounds)
        histogram.record(.milliseconds(5), bounds: bounds)
        histogram.record(.seconds(1), bounds: bounds)
        #expect(histogram.cumulative == [1, 2, 2])
        #expect(histogram.count == 3)
        #expect(histogram.sum == .milliseconds(1005))
    }
}

extension TargetSeriesStoreTests {
    /// A label the text format uses itself never reaches a line, even from a target built in code (the loader
    /// refuses it already): a second `le` on a histogram line makes Prometheus reject the whole scrape.
    @Test func formatLabelsFromATargetAreLeftOut() {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        let target = Fixtures.imapsTarget(labels: [TargetLabel(name: "le", value: "1"), TargetLabel(name: "quantile", value: "q")])
        metrics.record(result: Fixtures.success(), target: target)
        let text = metrics.render()
        #expect(!text.contains(#"le="1""#))
        #expect(!text.contains("quantile="))
        #expect(text.contains(#"le="0.001"} "#))
    }
}
