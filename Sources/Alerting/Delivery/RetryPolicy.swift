import Prober

/// How long to wait before the next attempt at a notification: exponential backoff with jitter, and the
/// receiver's `Retry-After` honoured.
///
/// Attempt `n` (1 for the wait after the first failure) has a base of `initialDelay × multiplier^(n−1)`, capped at
/// `maximumDelay`; the wait is half the base plus a random share of the other half ("equal jitter"), so many
/// agents that failed together do not retry together, and the wait never drops below half the base. A
/// `Retry-After` is a floor: the wait is at least that long, up to `maximumRetryAfter` (a receiver asking for
/// days must not park the queue).
public struct RetryPolicy: Sendable, Hashable {
    /// The base wait after the first failure.
    public var initialDelay: Duration
    /// The longest base wait.
    public var maximumDelay: Duration
    /// Growth of the base wait per attempt.
    public var multiplier: Double
    /// The longest `Retry-After` honoured.
    public var maximumRetryAfter: Duration

    /// The defaults: 1 s, doubling, at most 5 min; `Retry-After` honoured up to 1 h.
    public init(
        initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(300), multiplier: Double = 2,
        maximumRetryAfter: Duration = .seconds(3600)
    ) {
        self.initialDelay = max(initialDelay, .milliseconds(1))
        self.maximumDelay = max(maximumDelay, self.initialDelay)
        self.multiplier = max(multiplier, 1)
        self.maximumRetryAfter = max(maximumRetryAfter, .zero)
    }

    /// The wait after failed attempt `attempt` (1, 2, …), with `jitter` in 0..<1 from the caller's random source
    /// and the receiver's `retryAfter`, if it sent one.
    public func delay(afterAttempt attempt: Int, jitter: Double, retryAfter: Duration? = nil) -> Duration {
        let exponent = Double(max(attempt, 1) - 1)
        let initial = initialDelay.inSeconds
        let base = min(initial * pow(multiplier, exponent), maximumDelay.inSeconds)
        let share = min(max(jitter, 0), 1)
        var wait = Duration.seconds(base / 2 + share * base / 2)
        if let retryAfter { wait = max(wait, min(retryAfter, maximumRetryAfter)) }
        return wait
    }
}

/// `base` to the power `exponent`, by repeated squaring (no Foundation); `exponent` is a whole number ≥ 0.
private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var factor = base
    var remaining = Int(min(exponent, 1024))
    while remaining > 0 {
        if remaining & 1 == 1 { result *= factor }
        factor *= factor
        remaining >>= 1
        if result.isInfinite { return result }
    }
    return result
}
