import Config
import Prometheus
import Testing

@testable import Exposition

/// The board ProbeMetrics keeps for the status page: one entry per target, in step with reloads.
@Suite struct StatusBoardTests {
    @Test func recordsTheLastResultPerTargetFailingFirst() {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        metrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget(name: "a"))
        metrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget(name: "b"))
        metrics.record(result: Fixtures.connectRefused(), target: Fixtures.imapsTarget(name: "b"))
        let snapshot = metrics.board.snapshot()
        #expect(snapshot.map(\.name) == ["b", "a"])
        #expect(snapshot.first?.lastProbe?.failure?.code == "connect_refused")
        #expect(snapshot.first?.lastProbe?.startedAt == Fixtures.connectRefused().startedAt)
    }

    @Test func reconcileKeepsExactlyTheConfiguredTargets() {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        for name in ["kept", "moved", "dropped"] {
            metrics.record(result: Fixtures.success(), target: Fixtures.imapsTarget(name: name))
        }
        var moved = Fixtures.imapsTarget(name: "moved")
        moved.settings.port = 1993
        var kept = Fixtures.imapsTarget(name: "kept")
        kept.thresholds.certificateDaysWarning = 40
        metrics.reconcile(with: [kept, moved, Fixtures.imapsTarget(name: "new")])
        let byName = Dictionary(uniqueKeysWithValues: metrics.board.snapshot().map { ($0.name, $0) })
        #expect(byName.keys.sorted() == ["kept", "moved", "new"])
        #expect(byName["kept"]?.lastProbe != nil, "an unchanged target keeps its last probe")
        #expect(byName["kept"]?.certificateDaysWarning == 40, "and takes the new thresholds")
        #expect(byName["moved"]?.lastProbe == nil, "a target whose address changed starts afresh")
        #expect(byName["moved"]?.address == "imap.example.org:1993")
        #expect(byName["new"]?.lastProbe == nil)
        metrics.remove(target: "kept")
        #expect(metrics.board.snapshot().map(\.name) == ["moved", "new"])
    }

    @Test func keepsNoUsernameOrSecret() {
        let board = StatusBoard()
        board.record(Fixtures.starttlsAuthFailed(), target: Fixtures.starttlsTarget())
        let text = "\(board.snapshot())"
        #expect(!text.contains(Fixtures.username) && !text.contains("probe-user") && !text.contains(Fixtures.password))
        #expect(text.contains("Authentication failed for <redacted>"))
    }
}
