import Prometheus

/// Every series registered for one target, so that stale ones can be unregistered.
struct TargetSeries {
    /// The labels the series were made with; a change (a reload) replaces them all.
    let labels: TargetLabels
    /// Gauges set by the last probe.
    var gauges: [SeriesKey: Gauge] = [:]
    /// Counters since the target was added.
    var counters: [SeriesKey: Counter] = [:]
    /// Histograms since the target was added.
    var histograms: [SeriesKey: DurationHistogram] = [:]

    init(labels: TargetLabels) {
        self.labels = labels
    }

    /// Unregisters every series from `registry`.
    func unregisterAll(from registry: PrometheusCollectorRegistry) {
        for gauge in gauges.values { registry.unregisterGauge(gauge) }
        for counter in counters.values { registry.unregisterCounter(counter) }
        for histogram in histograms.values { registry.unregisterDurationHistogram(histogram) }
    }
}
