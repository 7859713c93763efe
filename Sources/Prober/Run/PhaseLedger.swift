/// The outcome of every phase of one probe, filled in as the probe goes.
struct PhaseLedger {
    private var outcomes: [Phase: PhaseOutcome] = [:]

    /// Records `outcome` for `phase`, replacing nothing already recorded.
    mutating func record(_ phase: Phase, _ outcome: PhaseOutcome) {
        if outcomes[phase] == nil { outcomes[phase] = outcome }
    }

    /// Every phase in order; those without an outcome were not reached.
    var records: [PhaseRecord] {
        Phase.allCases.map { PhaseRecord(phase: $0, outcome: outcomes[$0] ?? .skipped(.notReached)) }
    }
}
