import Prometheus

extension PrometheusCollectorRegistry {
    /// The gauge of `family` with `labels` (created on first use, the same object afterwards).
    func gauge(_ family: MetricFamily, _ labels: [(String, String)]) -> Gauge {
        precondition(family.kind == .gauge, "\(family.name) is not a gauge")
        return makeGauge(descriptor: family.descriptor, labels: labels)
    }

    /// The counter of `family` with `labels` (created on first use, the same object afterwards).
    func counter(_ family: MetricFamily, _ labels: [(String, String)]) -> Counter {
        precondition(family.kind == .counter, "\(family.name) is not a counter")
        return makeCounter(descriptor: family.descriptor, labels: labels)
    }

    /// The histogram of `family` with `labels` (created on first use, the same object afterwards).
    func histogram(_ family: MetricFamily, _ labels: [(String, String)]) -> DurationHistogram {
        guard case .histogram(let buckets) = family.kind else {
            preconditionFailure("\(family.name) is not a histogram")
        }
        return makeDurationHistogram(descriptor: family.descriptor, labels: labels, buckets: buckets)
    }
}

extension MetricFamily {
    /// The full name as swift-prometheus's descriptor (no namespace or unit parts: the name is already complete).
    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}
