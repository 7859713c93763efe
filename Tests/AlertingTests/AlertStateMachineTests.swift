import Foundation
import Testing

@testable import Alerting

/// The flap control as tables: a run of observed levels (one per probe, a minute apart) and what each sends.
@Suite struct AlertStateMachineTests {
    /// Feeds `levels` one per minute from t=0 and returns what each observation sent (`-` for nothing) and the
    /// final state.
    func run(_ levels: [AlertLevel], _ control: FlapControl = FlapControl(), from state: AlertState = .initial, start: Double = 0)
        -> (sent: [String], state: AlertState)
    {
        let machine = AlertStateMachine(control: control)
        var state = state
        var sent: [String] = []
        for (index, level) in levels.enumerated() {
            let (next, transition) = machine.observe(level, at: start + Double(index) * 60, in: state)
            state = next
            switch transition {
            case nil: sent.append("-")
            case .firing(let level, let since)?: sent.append("fire:\(level.rawValue)@\(Int(since))")
            case .repeated(let level, let since)?: sent.append("repeat:\(level.rawValue)@\(Int(since))")
            case .resolved(let level, let since)?: sent.append("resolved:\(level.rawValue)@\(Int(since))")
            }
        }
        return (sent, state)
    }

    @Test func firesAfterThreeBadProbesInARowAndAGoodOneResetsTheCount() {
        let (sent, state) = run([.critical, .critical, .ok, .critical, .warning, .critical, .critical])
        #expect(sent == ["-", "-", "-", "-", "-", "fire:critical@300", "-"])
        #expect(state.isFiring)
    }

    @Test func pendingBeforeTheThreshold() {
        let (_, state) = run([.warning, .warning])
        #expect(state.isPending)
        #expect(!state.isFiring)
    }

    @Test func resolvesAfterTwoGoodProbesInARowAndABadOneResetsTheCount() {
        let (sent, state) = run([.critical, .critical, .critical, .ok, .critical, .ok, .ok])
        #expect(sent == ["-", "-", "fire:critical@120", "-", "-", "-", "resolved:critical@120"])
        #expect(state == .initial)
    }

    @Test func sendResolvedFalseResolvesSilently() {
        let (sent, state) = run([.critical, .ok], FlapControl(failureThreshold: 1, successThreshold: 1, sendResolved: false))
        #expect(sent == ["fire:critical@0", "-"])
        #expect(state == .initial)
    }

    @Test func aChangeOfLevelWhileFiringIsSentWithTheSameStart() {
        let (sent, _) = run([.warning, .warning, .warning, .critical, .critical, .warning, .warning])
        #expect(sent == ["-", "-", "fire:warning@120", "fire:critical@120", "-", "-", "fire:warning@120"])
    }

    @Test func repeatsAtTheFirstProbeAfterTheRepeatInterval() {
        let control = FlapControl(failureThreshold: 1, repeatInterval: .seconds(150))
        let (sent, _) = run([.critical, .critical, .critical, .critical, .critical, .critical], control)
        #expect(sent == ["fire:critical@0", "-", "-", "repeat:critical@0", "-", "-"])
        let never = FlapControl(failureThreshold: 1, repeatInterval: .zero)
        #expect(run(Array(repeating: .critical, count: 10), never).sent.filter { $0 != "-" } == ["fire:critical@0"])
    }

    @Test func thresholdsBelowOneMeanOne() {
        let control = FlapControl(failureThreshold: 0, successThreshold: -3)
        #expect(control.failureThreshold == 1 && control.successThreshold == 1)
        #expect(run([.warning, .ok], control).sent == ["fire:warning@0", "resolved:warning@0"])
    }

    @Test func aRestartWithThePersistedStateNeitherFiresAgainNorForgetsToResolve() throws {
        let levels: [AlertLevel] = [.critical, .critical, .critical, .critical, .ok, .ok]
        let whole = run(levels)
        let before = run(Array(levels.prefix(4)))
        let saved = try JSONEncoder().encode(before.state)
        let restored = try JSONDecoder().decode(AlertState.self, from: saved)
        #expect(restored == before.state)
        let after = run(Array(levels.suffix(2)), from: restored, start: 240)
        #expect(before.sent + after.sent == whole.sent)
        #expect(whole.sent == ["-", "-", "fire:critical@120", "-", "-", "resolved:critical@120"])
    }
}
