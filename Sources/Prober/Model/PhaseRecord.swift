/// One phase and its outcome.
public struct PhaseRecord: Sendable, Hashable {
    /// The phase.
    public var phase: Phase
    /// What happened in it.
    public var outcome: PhaseOutcome

    /// A phase and its outcome.
    public init(phase: Phase, outcome: PhaseOutcome) {
        self.phase = phase
        self.outcome = outcome
    }
}
