import BlockingWork
import Prometheus
import NIOConcurrencyHelpers

/// The series of the agent's blocking executors (`resolver`, `auth`, `delivery`): calls running, calls waiting,
/// and calls refused, read from each executor's statistics when `/metrics` is rendered.
///
/// Every executor's series exist from `init` on (zero included).
public final class ExecutorMetrics: Sendable {
    private struct Series: Sendable {
        let running: Gauge
        let queued: Gauge
        let rejected: Counter
    }

    private let series: [String: Series]
    /// The refusals already counted, by executor: the counter grows by what is new at each refresh.
    private let counted = NIOLockedValueBox<[String: Int]>([:])

    /// Registers the series of executors named `names` in `registry`.
    public init(registry: PrometheusCollectorRegistry, names: [String]) {
        var series: [String: Series] = [:]
        for name in names {
            let label = [("executor", name)]
            series[name] = Series(
                running: registry.gauge(MetricCatalog.executorRunning, label),
                queued: registry.gauge(MetricCatalog.executorQueued, label),
                rejected: registry.counter(MetricCatalog.executorRejected, label))
        }
        self.series = series
    }

    /// Sets the series of the executor `name` (one of those registered) from `statistics`.
    public func record(_ name: String, _ statistics: BlockingExecutor.Statistics) {
        guard let series = series[name] else { return }
        series.running.set(to: Double(statistics.running))
        series.queued.set(to: Double(statistics.queued))
        let new = counted.withLockedValue { counted in
            let new = max(statistics.rejected - counted[name, default: 0], 0)
            counted[name] = max(statistics.rejected, counted[name, default: 0])
            return new
        }
        if new > 0 { series.rejected.increment(by: Int64(new)) }
    }
}
