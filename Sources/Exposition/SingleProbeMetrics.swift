import Config
import Prober
import Prometheus

/// The metrics of one probe on its own, as `/probe` returns them (blackbox_exporter's model): the gauges of the
/// result in a registry of their own, so nothing of the agent's scheduled targets shows.
///
/// Only gauges: a counter or histogram made afresh for every request would count to one and restart each time,
/// which Prometheus would read as a reset at every scrape.
public enum SingleProbeMetrics {
    /// The exposition text of `result`'s gauges with `target`'s labels.
    public static func render(result: ProbeResult, target: TargetConfiguration) -> String {
        let registry = PrometheusCollectorRegistry()
        let labels = TargetLabels(target)
        for sample in result.gaugeSamples(tlsMode: target.settings.tlsMode) {
            registry.gauge(sample.family, labels.with(sample.key.pairs)).set(to: sample.value)
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
