/// The fixed grid of one job's slots: `origin + k × interval` for every whole `k`.
///
/// Slots never drift: the next slot is computed from the previous slot, not from when a run actually started.
struct Grid<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// A slot of the grid (the job's first slot after the scheduler started).
    let origin: Instant
    /// The distance between two slots; positive.
    let interval: Duration

    /// The earliest slot at or after `instant`; never before `origin`.
    func firstSlot(atOrAfter instant: Instant) -> Instant {
        guard instant > origin else { return origin }
        let elapsed = origin.duration(to: instant).clampedNanoseconds
        let step = max(interval.clampedNanoseconds, 1)
        let (quotient, remainder) = elapsed.quotientAndRemainder(dividingBy: step)
        return origin.advanced(by: interval * (remainder == 0 ? quotient : quotient + 1))
    }

    /// The slot to schedule after `slot` fired at `now`: the first slot strictly after `now`, and how many slots
    /// in between were missed (the scheduler skips them rather than running them in a burst).
    func slot(after slot: Instant, firedAt now: Instant) -> (next: Instant, missed: Int) {
        let next = slot.advanced(by: interval)
        guard next <= now else { return (next, 0) }
        let late = next.duration(to: now).clampedNanoseconds
        let missed = late / max(interval.clampedNanoseconds, 1) + 1
        return (next.advanced(by: interval * missed), Int(missed))
    }
}
