/// What happened in one phase.
public enum PhaseOutcome: Sendable, Hashable {
    /// The phase ran to completion in `duration`.
    case succeeded(Duration)
    /// The phase ran for `duration` and failed; the probe stopped here.
    case failed(Duration, ProbeFailure)
    /// The phase did not run.
    case skipped(SkipReason)

    /// How long the phase ran, or `nil` if it was skipped.
    public var duration: Duration? {
        switch self {
        case .succeeded(let duration), .failed(let duration, _): duration
        case .skipped: nil
        }
    }
}
