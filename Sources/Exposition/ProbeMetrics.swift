import Config
import Prober
import Prometheus
import NIOCore
import NIOConcurrencyHelpers

/// Turns probe results into the per-target series, and renders them with the agent's own series of `registry`.
///
/// Gauges always describe the target's last probe: a fact that probe did not learn (a phase that did not run, a
/// TLS session that never started, a quota root that went away, an old version/cipher pair) has no line rather
/// than a stale or zero one. Counters and histograms accumulate from the target's first result until
/// `remove(target:)`. Labels never include a username or a secret.
///
/// The per-target series are kept as rendered text (`TargetSeriesStore`), not as swift-prometheus objects:
/// registering a labelled series there copies the family's whole dictionary, which made the first probe of
/// every target cost O(targets) and 10,000 targets minutes of CPU (`Benchmarks/MetricsBench`). The agent's own
/// few series stay in swift-prometheus. Safe from any thread.
public final class ProbeMetrics: Sendable {
    /// The agent's own series (`AgentMetrics`), rendered after the per-target families.
    public let registry: PrometheusCollectorRegistry
    /// The last result of every target, summarised for the status page; kept in step with the series.
    public let board = StatusBoard()
    private let store = NIOLockedValueBox(TargetSeriesStore())

    /// Metrics rendered together with `registry`, which the caller owns (one per agent).
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Updates every series of `target` from `result`, removing the gauges the result no longer supports.
    ///
    /// If the target's labels changed since its last result (host, port, TLS mode or its own labels), all its old
    /// series, counters included, are removed first. `phaseHistograms` false drops the target's phase histograms.
    public func record(result: ProbeResult, target: TargetConfiguration, phaseHistograms: Bool = true) {
        store.withLockedValue { $0.record(result, target: target, phaseHistograms: phaseHistograms) }
        board.record(result, target: target)
    }

    /// Removes every series of the target named `name` (after a reload dropped it); unknown names are ignored.
    public func remove(target name: String) {
        store.withLockedValue { $0.remove(name) }
        board.remove(target: name)
    }

    /// Removes every target that is not in `targets` or whose labels differ there (host, port, TLS mode or its own
    /// labels): after a reload, what was removed disappears at once and what changed starts afresh. The status
    /// board then lists exactly `targets`, the new ones as not yet probed.
    public func reconcile(with targets: [TargetConfiguration]) {
        var current: [String: TargetLabels] = [:]
        for target in targets { current[target.name] = TargetLabels(target) }
        store.withLockedValue { store in
            for name in store.names where current[name] != store.labels(of: name) { store.remove(name) }
        }
        board.reconcile(with: targets)
    }

    /// The names of the targets that have series, sorted.
    public var targetNames: [String] { store.withLockedValue { $0.names } }

    /// Appends the exposition text: the per-target families, then every family of `registry`.
    public func emit(into buffer: inout [UInt8]) {
        store.withLockedValue { store in
            let layout = store.layout()
            let base = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: layout.total))
            buffer.withUnsafeMutableBytes { store.write(layout, to: UnsafeMutableRawBufferPointer(rebasing: $0[base...])) }
        }
        registry.emit(into: &buffer)
    }

    /// Writes the exposition text to `buffer` (as `emit(into:)` for `[UInt8]`, without an intermediate copy).
    public func emit(into buffer: inout ByteBuffer) {
        store.withLockedValue { store in
            let layout = store.layout()
            guard layout.total > 0 else { return }
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: layout.total) { output in
                store.write(layout, to: UnsafeMutableRawBufferPointer(rebasing: output[..<layout.total]))
                return layout.total
            }
        }
        var agent: [UInt8] = []
        registry.emit(into: &agent)
        buffer.writeBytes(agent)
    }

    /// The exposition text.
    public func render() -> String {
        var buffer: [UInt8] = []
        emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
