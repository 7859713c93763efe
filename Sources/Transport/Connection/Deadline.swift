import NIOCore

/// Conversions between the caller's `ContinuousClock` deadline and NIO's monotonic `NIODeadline`.
enum Deadline {
    /// Time left until `deadline`, never negative.
    static func remaining(until deadline: ContinuousClock.Instant) -> Duration {
        max(.zero, deadline - ContinuousClock.now)
    }

    /// The same instant on NIO's monotonic clock.
    static func nio(_ deadline: ContinuousClock.Instant) -> NIODeadline {
        NIODeadline.now() + timeAmount(remaining(until: deadline))
    }

    /// A duration as a NIO `TimeAmount` (nanoseconds, saturating).
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let (nanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return .nanoseconds(overflow ? Int64.max : nanos &+ attoseconds / 1_000_000_000)
    }

    /// Whether `deadline` has passed.
    static func hasPassed(_ deadline: ContinuousClock.Instant) -> Bool {
        ContinuousClock.now >= deadline
    }
}
