import Foundation
import Testing

@testable import Alerting

/// Every alert of every target through the flap control: notifications with their summaries, resolution,
/// targets removed by a reload, and a restart from saved state.
@Suite struct AlertEngineTests {
    static let failing = ConditionObservation(condition: "probe_failing", level: .critical, summary: "login failed: auth_failed")
    static let fine = ConditionObservation(condition: "probe_failing", level: .ok, summary: "probe succeeded")
    static let quota = ConditionObservation(condition: "quota_high", level: .warning, summary: "quota 85%")
    static let control = FlapControl()

    @Test func firesWithTheSummaryAndLabelsThenResolves() {
        var engine = AlertEngine()
        let labels = ["site": "fra1"]
        var sent: [AlertNotification] = []
        for minute in 0..<3 {
            sent += engine.observe(target: "mail-a", labels: labels, observations: [Self.failing], control: Self.control, now: Double(minute * 60))
        }
        #expect(sent == [
            AlertNotification(
                status: .firing, level: .critical, target: "mail-a", condition: "probe_failing",
                summary: "login failed: auth_failed", since: 120, labels: labels)
        ])
        #expect(engine.firingCount == [.critical: 1])
        sent = []
        for minute in 3..<5 {
            sent += engine.observe(target: "mail-a", labels: labels, observations: [Self.fine], control: Self.control, now: Double(minute * 60))
        }
        #expect(sent == [
            AlertNotification(
                status: .resolved, level: .critical, target: "mail-a", condition: "probe_failing",
                summary: "probe succeeded", since: 120, resolvedAt: 240, labels: labels)
        ])
        #expect(engine.states.isEmpty)
    }

    @Test func aLevelChangeSaysWhichLevelItReplacesAndPendingAlertsCountByLevel() {
        var engine = AlertEngine()
        let critical = ConditionObservation(condition: "quota_high", level: .critical, summary: "quota 95%")
        _ = engine.observe(target: "mail-a", observations: [Self.quota], control: Self.control, now: 0)
        #expect(engine.pendingByLevel == [.warning: 1])
        _ = engine.observe(target: "mail-a", observations: [critical], control: Self.control, now: 60)
        #expect(engine.pendingByLevel == [.critical: 1], "the latest bad probe's level")
        let fired = engine.observe(target: "mail-a", observations: [Self.quota], control: Self.control, now: 120)
        #expect(fired.map(\.level) == [.warning])
        #expect(fired.first?.replacedLevel == nil, "a first firing replaces nothing")
        #expect(engine.pendingByLevel.isEmpty)
        let escalated = engine.observe(target: "mail-a", observations: [critical], control: Self.control, now: 180)
        #expect(escalated.first?.level == .critical)
        #expect(escalated.first?.replacedLevel == .warning)
        #expect(escalated.first?.replacedAt == 180)
        // A good probe that does not resolve yet keeps the last bad probe's words for a re-send.
        let ok = ConditionObservation(condition: "quota_high", level: .ok, summary: "quota 50%")
        _ = engine.observe(target: "mail-a", observations: [ok], control: Self.control, now: 240)
        #expect(engine.firingNotifications().map(\.summary) == ["quota 95%"])
    }

    @Test func aLowerProbeBeforeTheStepDownSendsNothingAndKeepsTheFiringLevelsWords() {
        var engine = AlertEngine()
        let once = FlapControl(failureThreshold: 1)
        let critical = ConditionObservation(condition: "quota_high", level: .critical, summary: "quota 95%")
        _ = engine.observe(target: "mail-a", observations: [critical], control: once, now: 0)
        #expect(engine.observe(target: "mail-a", observations: [Self.quota], control: once, now: 60).isEmpty)
        #expect(engine.firingNotifications().map { "\($0.level) \($0.summary)" } == ["critical quota 95%"])
        let stepped = engine.observe(target: "mail-a", observations: [Self.quota], control: once, now: 120)
        #expect(stepped.map { "\($0.level) \($0.summary)" } == ["warning quota 85%"])
        #expect(stepped.first?.replacedLevel == .critical)
        #expect(engine.firingNotifications().map(\.summary) == ["quota 85%"])
    }

    @Test func healthyTargetsKeepNoState() {
        var engine = AlertEngine()
        _ = engine.observe(target: "mail-a", observations: [Self.fine], control: Self.control, now: 0)
        #expect(engine.states.isEmpty)
        _ = engine.observe(target: "mail-a", observations: [Self.quota], control: Self.control, now: 60)
        #expect(engine.pendingCount == 1)
    }

    @Test func aRemovedTargetsFiringAlertsResolveAndPendingOnesVanish() {
        var engine = AlertEngine()
        let once = FlapControl(failureThreshold: 1)
        _ = engine.observe(target: "gone", labels: ["site": "fra1"], observations: [Self.failing], control: once, now: 0)
        _ = engine.observe(target: "gone", labels: ["site": "fra1"], observations: [Self.quota], control: Self.control, now: 0)
        _ = engine.observe(target: "kept", observations: [Self.failing], control: once, now: 0)
        let sent = engine.retain(targets: ["kept"], now: 90)
        #expect(sent == [
            AlertNotification(
                status: .resolved, level: .critical, target: "gone", condition: "probe_failing",
                summary: "target removed from the configuration", since: 0, resolvedAt: 90, labels: ["site": "fra1"])
        ])
        #expect(engine.states.keys.map(\.target) == ["kept"])
        #expect(engine.targetLabels.keys.sorted() == ["kept"])
    }

    @Test func aRestartFromSavedStateSendsWhatAnUninterruptedRunSends() throws {
        let run: [[ConditionObservation]] = [
            [Self.failing, Self.quota], [Self.failing, Self.quota], [Self.failing, Self.quota], [Self.fine, Self.quota],
            [Self.fine, Self.quota], [Self.fine],
        ]
        var whole = AlertEngine()
        var expected: [AlertNotification] = []
        for (minute, observations) in run.enumerated() {
            expected += whole.observe(target: "mail-a", observations: observations, control: Self.control, now: Double(minute * 60))
        }
        var first = AlertEngine()
        var sent: [AlertNotification] = []
        for (minute, observations) in run.prefix(3).enumerated() {
            sent += first.observe(target: "mail-a", observations: observations, control: Self.control, now: Double(minute * 60))
        }
        var second = try JSONDecoder().decode(AlertEngine.self, from: try JSONEncoder().encode(first))
        for (minute, observations) in run.enumerated().dropFirst(3) {
            sent += second.observe(target: "mail-a", observations: observations, control: Self.control, now: Double(minute * 60))
        }
        #expect(sent == expected)
        #expect(expected.map(\.status) == [.firing, .firing, .resolved])
        #expect(expected.map(\.condition) == ["probe_failing", "quota_high", "probe_failing"])
    }
}
