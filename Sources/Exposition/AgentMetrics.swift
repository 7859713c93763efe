import Prober
import Prometheus

/// The agent's own series: build info, probes finished by result, probes in flight, phase durations by module,
/// schedule lag, skipped slots, target count, and the outcome of the last configuration load.
///
/// Every series exists from `init` on (zero counters included), so a fresh agent already exports them all, except
/// the phase durations: a module's and phase's histogram appears with its first observation.
public final class AgentMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let probesSucceeded: Counter
    private let probesFailed: Counter
    private let inFlight: Gauge
    private let lag: DurationHistogram
    private let skipped: Counter
    private let targets: Gauge
    private let reloadSuccessful: Gauge
    private let reloadSuccessTimestamp: Gauge

    /// Registers the agent's series in `registry` with `imapwatch_build_info{version,revision} 1`.
    public init(registry: PrometheusCollectorRegistry, version: String, revision: String) {
        self.registry = registry
        registry.gauge(MetricCatalog.buildInfo, [("version", version), ("revision", revision)]).set(to: 1)
        probesSucceeded = registry.counter(MetricCatalog.probesTotal, [("result", "success")])
        probesFailed = registry.counter(MetricCatalog.probesTotal, [("result", "failure")])
        inFlight = registry.gauge(MetricCatalog.probesInFlight, [])
        lag = registry.histogram(MetricCatalog.scheduleLag, [])
        skipped = registry.counter(MetricCatalog.slotsSkipped, [])
        targets = registry.gauge(MetricCatalog.targets, [])
        reloadSuccessful = registry.gauge(MetricCatalog.configReloadSuccessful, [])
        reloadSuccessTimestamp = registry.gauge(MetricCatalog.configReloadSuccessTimestamp, [])
    }

    /// Counts one finished probe under `result="success"` or `result="failure"`.
    public func probeFinished(_ result: ProbeResult) {
        (result.succeeded ? probesSucceeded : probesFailed).increment()
    }

    /// Adds the duration of every phase of `result` that ran to `imapwatch_probe_phase_duration_seconds` under
    /// the target's `module` (empty for a target without one): the agent-wide phase latencies, which stay cheap
    /// whatever the number of targets (`phase_histograms` adds the per-target ones).
    public func recordPhases(of result: ProbeResult, module: String?) {
        for record in result.phases {
            guard let duration = record.outcome.duration else { continue }
            registry.histogram(
                MetricCatalog.agentPhaseDuration, [("module", module ?? ""), ("phase", record.phase.rawValue)]
            ).record(max(duration, .zero))
        }
    }

    /// Sets how many probes are running now.
    public func setProbesInFlight(_ count: Int) {
        inFlight.set(to: Double(count))
    }

    /// Records one run's delay from its scheduled start to its actual start (`JobRun.lag`).
    public func recordScheduleLag(_ lag: Duration) {
        self.lag.record(max(lag, .zero))
    }

    /// Records a configuration load: `successful` sets the flag, and a success also sets the timestamp to
    /// `unixTime`; a rejected load keeps the time of the last success.
    public func recordConfigLoad(successful: Bool, at unixTime: Double) {
        reloadSuccessful.set(to: successful ? 1 : 0)
        if successful { reloadSuccessTimestamp.set(to: unixTime) }
    }

    /// Counts slots the scheduler skipped before a run (`JobRun.skippedSlots`).
    public func recordSkippedSlots(_ count: Int) {
        if count > 0 { skipped.increment(by: Int64(count)) }
    }

    /// Sets how many targets this agent probes.
    public func setTargets(_ count: Int) {
        targets.set(to: Double(count))
    }
}
