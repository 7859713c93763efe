/// One phase and its outcome.
public struct PhaseRecord: Sendable, Hashable {
    public var phase: Phase
    public var outcome: PhaseOutcome

    public init(phase: Phase, outcome: PhaseOutcome) {
        self.phase = phase
        self.outcome = outcome
    }
}
