/// A snapshot of the scheduler's counters, for the agent's own metrics.
public struct SchedulerStatistics: Hashable, Sendable {
    /// Jobs currently scheduled.
    public var jobs: Int = 0
    /// Runs whose work is in progress (never more than the concurrency cap).
    public var inFlight: Int = 0
    /// Slots that came due but wait for the concurrency cap.
    public var waiting: Int = 0
    /// Runs started since the scheduler was made.
    public var runsStarted: Int = 0
    /// Runs whose work returned since the scheduler was made.
    public var runsFinished: Int = 0
    /// Slots skipped since the scheduler was made: the job was still running or waiting, or the wake-up was late.
    public var slotsSkipped: Int = 0
    /// Runs cancelled at their deadline since the scheduler was made.
    public var deadlinesExceeded: Int = 0
    /// Runs that finished after their job was removed, and so were not handed to the sink.
    public var runsDiscarded: Int = 0

    /// All zeros.
    public init() {}
}
