/// The outcome of every phase of one probe, filled in as the probe goes.
///
/// Kept in an array by the phase's position: `Phase`'s equality and hashing go through its `String` raw value,
/// and a dictionary keyed by it hashed a phase name for every record and look-up (and grew ten times a probe).
struct PhaseLedger {
    /// The phases the run walks, in order (`Phase.probe` or `Phase.mailbox`).
    private let plan: [Phase]
    private var outcomes = [PhaseOutcome?](repeating: nil, count: Phase.allCases.count)

    init(plan: [Phase] = Phase.probe) {
        self.plan = plan
    }

    /// Records `outcome` for `phase`, replacing nothing already recorded.
    mutating func record(_ phase: Phase, _ outcome: PhaseOutcome) {
        let index = phase.position
        if outcomes[index] == nil { outcomes[index] = outcome }
    }

    /// Every phase of the plan in order; those without an outcome were not reached.
    var records: [PhaseRecord] {
        plan.map { PhaseRecord(phase: $0, outcome: outcomes[$0.position] ?? .skipped(.notReached)) }
    }
}

extension Phase {
    /// The phase's index in `allCases`, without comparing raw values.
    fileprivate var position: Int {
        switch self {
        case .resolve: 0
        case .connect: 1
        case .tlsHandshake: 2
        case .greeting: 3
        case .capability: 4
        case .starttls: 5
        case .capabilityAfterTLS: 6
        case .login: 7
        case .select: 8
        case .fetch: 9
        case .quota: 10
        case .delivery: 11
        case .cleanup: 12
        case .logout: 13
        }
    }
}
