import Foundation
import Testing

@testable import Alerting

/// Level changes of a firing alert: an escalation is sent at once, a step down only after `successThreshold`
/// probes below the firing level.
extension AlertStateMachineTests {
    /// Fires at the first bad probe, steps down or resolves after two, never repeats within a test.
    static let stepDownAfterTwo = FlapControl(failureThreshold: 1, successThreshold: 2)

    @Test func aStepDownWaitsForSuccessThresholdProbesInARowBelowTheLevel() {
        let (sent, state) = run([.critical, .warning, .critical, .warning, .warning], Self.stepDownAfterTwo)
        #expect(sent == ["fire:critical@0", "-", "-", "-", "fire:warning@0"], "a critical probe starts the count again")
        #expect(state == .firing(level: .warning, since: 0, lastNotified: 240, goodStreak: 0, lowerStreak: 0))
    }

    @Test func anOKProbeCountsTowardTheStepDownButNeverStepsDown() {
        let three = FlapControl(failureThreshold: 1, successThreshold: 3)
        #expect(run([.critical, .warning, .ok, .warning], three).sent == ["fire:critical@0", "-", "-", "fire:warning@0"])
        let (sent, state) = run([.critical, .warning, .ok], Self.stepDownAfterTwo)
        #expect(sent == ["fire:critical@0", "-", "-"])
        #expect(state == .firing(level: .critical, since: 0, lastNotified: 0, goodStreak: 1, lowerStreak: 2))
    }

    @Test func anEscalationIsSentAtOnceEvenRightAfterAStepDown() {
        let (sent, _) = run([.warning, .ok, .critical, .warning, .warning, .critical], Self.stepDownAfterTwo)
        #expect(sent == ["fire:warning@0", "-", "fire:critical@0", "-", "fire:warning@0", "fire:critical@0"])
    }

    @Test func aLevelHoveringAboutTheCriticalThresholdIsSentOnlyWhenItFirstEscalates() {
        let hovering: [AlertLevel] = [.warning] + Array(repeating: [.critical, .warning], count: 10).flatMap { $0 }
        let (sent, state) = run(hovering, Self.stepDownAfterTwo)
        #expect(sent.filter { $0 != "-" } == ["fire:warning@0", "fire:critical@0"], "\(sent)")
        #expect(state == .firing(level: .critical, since: 0, lastNotified: 60, goodStreak: 0, lowerStreak: 1))
    }

    @Test func aCriticalAlertResolvesThroughGoodProbesWithoutSteppingDown() {
        let (sent, state) = run([.critical, .warning, .ok, .ok], Self.stepDownAfterTwo)
        #expect(sent == ["fire:critical@0", "-", "-", "resolved:critical@0"])
        #expect(state == .initial)
        #expect(run([.critical, .ok, .warning, .ok, .ok], Self.stepDownAfterTwo).sent == [
            "fire:critical@0", "-", "fire:warning@0", "-", "resolved:warning@0",
        ], "a warning probe starts the good count again (and here completes the step down)")
    }

    @Test func aRepeatWhileAStepDownIsPendingIsAtTheFiringLevel() {
        let control = FlapControl(failureThreshold: 1, successThreshold: 3, repeatInterval: .seconds(150))
        let (sent, _) = run([.critical, .critical, .warning, .critical], control)
        #expect(sent == ["fire:critical@0", "-", "-", "repeat:critical@0"])
    }

    @Test func aRestartInTheMiddleOfAStepDownKeepsItsCount() throws {
        let three = FlapControl(failureThreshold: 1, successThreshold: 3)
        let levels: [AlertLevel] = [.critical, .warning, .warning, .warning]
        let before = run(Array(levels.prefix(3)), three)
        let restored = try JSONDecoder().decode(AlertState.self, from: try JSONEncoder().encode(before.state))
        let after = run(Array(levels.suffix(1)), three, from: restored, start: 180)
        #expect(before.sent + after.sent == ["fire:critical@0", "-", "-", "fire:warning@0"])
    }
}
