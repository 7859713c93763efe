import Prober

/// One `--phase-warning` / `--phase-critical` argument: `PHASE=RANGE`, e.g. `login=2` or `select=@0:0.001`.
public struct PhaseThreshold: Sendable, Hashable {
    /// The phase the range applies to.
    public var phase: Phase
    /// The range on the phase's duration in seconds.
    public var range: ThresholdRange

    /// A range for one phase.
    public init(phase: Phase, range: ThresholdRange) {
        self.phase = phase
        self.range = range
    }

    /// Parses `PHASE=RANGE`; the phase is one of `Phase`'s raw values (`tls_handshake`, `login`, ...).
    public init(parsing text: String) throws(CommandFailure) {
        guard let equals = text.firstIndex(of: "=") else {
            throw CommandFailure("expected PHASE=RANGE (e.g. login=2), got '\(text)'")
        }
        let name = String(text[..<equals])
        guard let phase = Phase(rawValue: name) else {
            let known = Phase.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure("unknown phase '\(name)' (phases: \(known))")
        }
        do {
            self.range = try ThresholdRange(parsing: String(text[text.index(after: equals)...]))
        } catch {
            throw CommandFailure(error.description)
        }
        self.phase = phase
    }

    /// Folds repeated arguments into one range per phase; a later argument for the same phase wins.
    static func table(_ thresholds: [PhaseThreshold]) -> [Phase: ThresholdRange] {
        thresholds.reduce(into: [:]) { $0[$1.phase] = $1.range }
    }
}
