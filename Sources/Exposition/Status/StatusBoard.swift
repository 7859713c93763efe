import Config
import Prober
import NIOConcurrencyHelpers

/// The last probe of every target, summarised for the status page. Safe from any thread.
///
/// Holds one `TargetStatus` per target: at most as many entries as the configuration has targets, since
/// `reconcile(with:)` drops the ones a reload removed (or whose address or labels changed) and adds the new ones as
/// not yet probed. Keeps no transcript, no username and no secret.
public final class StatusBoard: Sendable {
    private let entries = NIOLockedValueBox<[String: TargetStatus]>([:])

    /// An empty board.
    public init() {}

    /// Replaces the last probe of `target` with `result`.
    public func record(_ result: ProbeResult, target: TargetConfiguration) {
        let status = TargetStatus(target: target, lastProbe: ProbeSummary(result, login: target.login))
        entries.withLockedValue { $0[target.name] = status }
    }

    /// Forgets the target named `name`; unknown names are ignored.
    public func remove(target name: String) {
        _ = entries.withLockedValue { $0.removeValue(forKey: name) }
    }

    /// Keeps exactly `targets`: drops the others and those whose labels changed, adds the new ones as not yet
    /// probed, and takes each kept target's current thresholds.
    public func reconcile(with targets: [TargetConfiguration]) {
        entries.withLockedValue { entries in
            var next: [String: TargetStatus] = [:]
            for target in targets {
                var status = TargetStatus(target: target)
                if let old = entries[target.name], old.labels == status.labels { status.lastProbe = old.lastProbe }
                next[target.name] = status
            }
            entries = next
        }
    }

    /// Every target's status, failing ones first, then by name.
    public func snapshot() -> [TargetStatus] {
        entries.withLockedValue { Array($0.values) }.sorted(by: TargetStatus.pageOrder)
    }
}
