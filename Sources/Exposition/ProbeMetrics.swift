import Config
import Prober
import Prometheus

/// Turns probe results into the per-target series of a Prometheus registry.
///
/// Gauges always describe the target's last probe: a fact that probe did not learn (a phase that did not run, a
/// TLS session that never started, a quota root that went away, an old version/cipher pair) has its series removed
/// rather than kept stale or set to zero. Counters and histograms accumulate from the target's first result until
/// `remove(target:)`. Labels never include a username or a secret.
public actor ProbeMetrics {
    /// The registry the series live in; render it with `emit(into:)` or `render()`.
    public nonisolated let registry: PrometheusCollectorRegistry
    private var targets: [String: TargetSeries] = [:]

    /// Metrics kept in `registry`, which the caller owns (one per agent; a fresh one per `/probe` request).
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Updates every series of `target` from `result`, removing the gauges the result no longer supports.
    ///
    /// If the target's labels changed since its last result (host, port, TLS mode or its own labels), all its old
    /// series, counters included, are removed first.
    public func record(result: ProbeResult, target: TargetConfiguration) {
        let labels = TargetLabels(target)
        if let existing = targets[target.name], existing.labels != labels {
            existing.unregisterAll(from: registry)
            targets[target.name] = nil
        }
        var series = targets[target.name] ?? TargetSeries(labels: labels)

        var gauges: [SeriesKey: Gauge] = [:]
        for sample in result.gaugeSamples(tlsMode: target.settings.tlsMode) {
            let gauge = series.gauges[sample.key] ?? registry.gauge(sample.family, labels.with(sample.key.pairs))
            gauge.set(to: sample.value)
            gauges[sample.key] = gauge
        }
        for (key, gauge) in series.gauges where gauges[key] == nil {
            registry.unregisterGauge(gauge)
        }
        series.gauges = gauges

        for record in result.phases {
            guard let duration = record.outcome.duration else { continue }
            let key = SeriesKey(MetricCatalog.phaseDuration, [("phase", record.phase.rawValue)])
            let histogram =
                series.histograms[key] ?? registry.histogram(MetricCatalog.phaseDuration, labels.with(key.pairs))
            histogram.record(duration)
            series.histograms[key] = histogram
        }

        if let failure = result.failure {
            let key = SeriesKey(
                MetricCatalog.failures, [("phase", failure.phase.rawValue), ("reason", failure.code.rawValue)])
            let counter = series.counters[key] ?? registry.counter(MetricCatalog.failures, labels.with(key.pairs))
            counter.increment()
            series.counters[key] = counter
        }
        targets[target.name] = series
    }

    /// Removes every series of the target named `name` (after a reload dropped it); unknown names are ignored.
    public func remove(target name: String) {
        targets.removeValue(forKey: name)?.unregisterAll(from: registry)
    }

    /// Removes every target whose name is not in `names` (the targets of a newly loaded configuration).
    public func retain(targets names: Set<String>) {
        for name in targets.keys where !names.contains(name) {
            remove(target: name)
        }
    }

    /// Removes every target that is not in `targets` or whose labels differ there (host, port, TLS mode or its own
    /// labels): after a reload, what was removed disappears at once and what changed starts afresh.
    public func reconcile(with targets: [TargetConfiguration]) {
        var current: [String: TargetLabels] = [:]
        for target in targets { current[target.name] = TargetLabels(target) }
        for (name, series) in self.targets where current[name] != series.labels {
            remove(target: name)
        }
    }

    /// The names of the targets that have series, sorted.
    public var targetNames: [String] { targets.keys.sorted() }

    /// Appends the registry's exposition text (every family in it, not only this type's) to `buffer`.
    public nonisolated func emit(into buffer: inout [UInt8]) {
        registry.emit(into: &buffer)
    }

    /// The registry's exposition text.
    public nonisolated func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
