/// One recurring piece of work: what to run (`input`), how often, and the hard deadline of each run.
///
/// Two jobs with the same `id` are the same target; `Scheduler.update(jobs:)` restarts a job whose value
/// (interval, timeout or input) changed and leaves an equal one running undisturbed.
public struct ScheduledJob<Input: Hashable & Sendable>: Hashable, Sendable {
    /// The smallest interval a job runs at; shorter ones are raised to it.
    public static var minimumInterval: Duration { .milliseconds(1) }

    /// The stable name of the job (the target's name); it places the job on its spread slot and shard.
    public let id: String
    /// Time between two scheduled starts; at least `minimumInterval`.
    public let interval: Duration
    /// The scheduler's hard deadline for one run, from its actual start: at `start + timeout` the run's task is
    /// cancelled. Make it a little longer than a probe's own timeout so the probe can report its own timeout.
    public let timeout: Duration
    /// What the scheduler's work closure is given (for the daemon, the probe settings of the target).
    public let input: Input

    /// A job named `id` running `input` every `interval`, each run cancelled after `timeout`.
    ///
    /// An interval below `minimumInterval` is raised to it; a negative timeout is raised to zero.
    public init(id: String, interval: Duration, timeout: Duration, input: Input) {
        self.id = id
        self.interval = max(interval, Self.minimumInterval)
        self.timeout = max(timeout, .zero)
        self.input = input
    }

    /// Where in its interval the job first runs, from the scheduler's start: `StableHash.of(id)` modulo the
    /// interval in nanoseconds. The same id and interval give the same offset in every process.
    public var spreadOffset: Duration {
        let nanoseconds = UInt64(max(interval.clampedNanoseconds, 1))
        return .nanoseconds(Int64(StableHash.of(id) % nanoseconds))
    }
}
