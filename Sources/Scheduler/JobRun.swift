/// What one run of a job did, handed to the scheduler's sink after the work returned.
public struct JobRun<Input: Hashable & Sendable, Output: Sendable, Instant: InstantProtocol>: Sendable
where Instant.Duration == Duration {
    /// The job as it was when this run started (its id is `job.id`).
    public let job: ScheduledJob<Input>
    /// The slot the run belonged to, on the job's fixed grid.
    public let scheduled: Instant
    /// When the run actually started (after waiting for the concurrency cap, if it had to).
    public let started: Instant
    /// When the work returned.
    public let finished: Instant
    /// How many of this job's slots were skipped since its previous run started: slots that came while that run
    /// was still going or still waiting for the cap, and slots the scheduler itself woke too late for.
    public let skippedSlots: Int
    /// Whether the scheduler cancelled the run at `started + job.timeout` (the work's result may say "cancelled").
    public let deadlineExceeded: Bool
    /// What the work returned.
    public let result: Output

    /// A run record; the scheduler makes these, tests and other sinks may too.
    public init(
        job: ScheduledJob<Input>,
        scheduled: Instant,
        started: Instant,
        finished: Instant,
        skippedSlots: Int,
        deadlineExceeded: Bool,
        result: Output
    ) {
        self.job = job
        self.scheduled = scheduled
        self.started = started
        self.finished = finished
        self.skippedSlots = skippedSlots
        self.deadlineExceeded = deadlineExceeded
        self.result = result
    }

    /// The job's id.
    public var id: String { job.id }
    /// Schedule lag: actual start minus scheduled start (waiting for the cap, or a late wake-up). Never negative.
    public var lag: Duration { max(scheduled.duration(to: started), .zero) }
    /// How long the work took.
    public var duration: Duration { started.duration(to: finished) }
}
