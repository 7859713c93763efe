import Prometheus

/// The alerting's series: notifications by receiver and result, the queue per receiver, each delivery attempt's
/// duration, and the alerts by state and severity.
///
/// A receiver's series exist from `register(receivers:)` on (zeros included), so a dashboard sees every
/// configured receiver before its first notification.
public final class AlertMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry

    /// The results `imapwatch_notifications_total` counts.
    public enum Result: String, Sendable, CaseIterable {
        case delivered, retried, rejected, dropped, invalid
    }

    /// The alerting's series in `registry`; `imapwatch_alerts` starts at zero for every state and severity.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        for state in ["firing", "pending"] {
            for severity in ["warning", "critical"] { setAlerts(state: state, severity: severity, count: 0) }
        }
    }

    /// Creates every series of `receivers` at zero.
    public func register(receivers: [String]) {
        for receiver in receivers {
            for result in Result.allCases { _ = counter(receiver, result) }
            _ = registry.gauge(MetricCatalog.notificationQueueLength, [("receiver", receiver)])
            _ = registry.histogram(MetricCatalog.notificationDelivery, [("receiver", receiver)])
        }
    }

    /// Removes the series of receivers a reload dropped.
    public func unregister(receivers: [String]) {
        for receiver in receivers {
            for result in Result.allCases { registry.unregisterCounter(counter(receiver, result)) }
            registry.unregisterGauge(registry.gauge(MetricCatalog.notificationQueueLength, [("receiver", receiver)]))
            registry.unregisterDurationHistogram(
                registry.histogram(MetricCatalog.notificationDelivery, [("receiver", receiver)]))
        }
    }

    /// Counts `count` notifications of `receiver` under `result`.
    public func count(_ result: Result, receiver: String, by count: Int = 1) {
        if count > 0 { counter(receiver, result).increment(by: Int64(count)) }
    }

    /// Records one delivery attempt's duration.
    public func recordDelivery(receiver: String, duration: Duration) {
        registry.histogram(MetricCatalog.notificationDelivery, [("receiver", receiver)]).record(max(duration, .zero))
    }

    /// Sets a receiver's queue length.
    public func setQueueLength(receiver: String, _ length: Int) {
        registry.gauge(MetricCatalog.notificationQueueLength, [("receiver", receiver)]).set(to: Double(length))
    }

    /// Sets how many alerts are in `state` (`firing`, `pending`) at `severity` (`warning`, `critical`).
    public func setAlerts(state: String, severity: String, count: Int) {
        registry.gauge(MetricCatalog.alerts, [("state", state), ("severity", severity)]).set(to: Double(count))
    }

    private func counter(_ receiver: String, _ result: Result) -> Counter {
        registry.counter(MetricCatalog.notificationsTotal, [("receiver", receiver), ("result", result.rawValue)])
    }
}
