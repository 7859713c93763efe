import ServiceLifecycle

/// Runs every job on its own fixed grid of slots, spread by a stable hash of its id, with a global concurrency cap;
/// a ServiceLifecycle `Service`.
///
/// - Spread: a job's slots are `start + job.spreadOffset + k × job.interval`, where `start` is when `run()` began,
///   so thousands of jobs with one interval are spread evenly over it and each keeps its place across restarts.
/// - No drift: the next slot follows from the previous slot, not from the previous start. Slots the scheduler
///   woke too late for are skipped, never run in a burst.
/// - At most `maximumConcurrentRuns` runs are in flight; a due run beyond that waits in due order, and the wait
///   shows as lag (`JobRun.lag`).
/// - Never two runs of one job at once: a slot that comes while the job's previous run is running or waiting is
///   skipped and counted (`JobRun.skippedSlots`, `SchedulerStatistics.slotsSkipped`).
/// - A run still going at `start + job.timeout` has its task cancelled.
/// - Graceful shutdown: no new runs start (waiting ones are dropped); running ones finish or are cancelled at their
///   deadline; then `run()` returns. Cancelling `run()`'s task cancels every run at once and waits for them.
///
/// Every finished run goes to the sink, which is awaited before the run's place under the cap is freed: keep it
/// quick. A run that finishes after its job was removed by `update(jobs:)` is not handed to the sink.
public actor Scheduler<Input: Hashable & Sendable, Output: Sendable, C: Clock>: Service where C.Duration == Duration {
    /// The jobs this scheduler runs.
    public typealias Job = ScheduledJob<Input>
    /// What the sink receives for each finished run.
    public typealias Run = JobRun<Input, Output, C.Instant>
    /// Does one run of a job; it should return soon after its task is cancelled.
    public typealias Work = @Sendable (Job) async -> Output
    /// Receives every finished run, one call per run, possibly concurrently for different jobs.
    public typealias Sink = @Sendable (Run) async -> Void

    let clock: C
    let maximumConcurrentRuns: Int
    let work: Work
    let sink: Sink

    var phase = Phase.notStarted
    var epoch: C.Instant?
    var jobs: [String: JobState]
    var slots = SlotQueue<C.Instant>()
    var waiting: [WaitingRun] = []
    var waitingHead = 0
    var waitingIDs: Set<String> = []
    var running: [String: RunningRun] = [:]
    var nextGeneration: Int
    var nextRunID = 0
    var counters = SchedulerStatistics()
    var wakeContinuation: CheckedContinuation<Void, Never>?
    var sleeper: Task<Void, Never>?
    var wakeToken = 0
    var plannedWake: C.Instant?

    /// A scheduler of `jobs` on `clock`, running at most `maximumConcurrentRuns` (at least 1) at once.
    ///
    /// Nothing runs before `run()`. If ids repeat, the last job with that id wins.
    public init(
        clock: C,
        maximumConcurrentRuns: Int,
        jobs: [Job] = [],
        work: @escaping Work,
        sink: @escaping Sink
    ) {
        self.clock = clock
        self.maximumConcurrentRuns = max(maximumConcurrentRuns, 1)
        self.work = work
        self.sink = sink
        var states: [String: JobState] = [:]
        for (generation, job) in jobs.enumerated() {
            states[job.id] = JobState(job: job, generation: generation)
        }
        self.jobs = states
        self.nextGeneration = jobs.count
    }

    /// Replaces the set of jobs, for a configuration reload.
    ///
    /// A new id starts on its next spread slot (the first slot of its grid at or after now). A removed id gets no
    /// more runs; a run of it still going finishes, but its result is not handed to the sink. A job whose value
    /// changed (interval, timeout or input) starts over on the next slot of its new grid; a run of the old value
    /// still going finishes and is reported, and the new value's slots are skipped until it has. Equal jobs are
    /// not disturbed. If ids repeat, the last job with that id wins.
    public func update(jobs newJobs: [Job]) {
        var incoming: [String: Job] = [:]
        var order: [String] = []
        for job in newJobs where incoming.updateValue(job, forKey: job.id) == nil {
            order.append(job.id)
        }
        let removed = jobs.keys.filter { incoming[$0] == nil }
        for id in removed {
            jobs[id] = nil
            waitingIDs.remove(id)
        }
        let now = clock.now
        for id in order {
            guard let job = incoming[id] else { continue }
            if let existing = jobs[id], existing.job == job { continue }
            waitingIDs.remove(id)
            jobs[id] = JobState(job: job, generation: nextGeneration)
            nextGeneration += 1
            if phase == .running { schedule(id, atOrAfter: now) }
        }
        if phase == .running { wakeNow() }
    }

    /// The scheduler's counters now.
    public func statistics() -> SchedulerStatistics {
        var snapshot = counters
        snapshot.jobs = jobs.count
        snapshot.inFlight = running.count
        snapshot.waiting = waitingIDs.count
        return snapshot
    }

    /// Schedules until graceful shutdown or cancellation, then returns once no run is left (see the type's notes).
    ///
    /// The grids start at the clock's `now` when this is called. A scheduler runs once: a second call returns at once.
    public func run() async throws {
        guard phase == .notStarted else { return }
        let now = clock.now
        epoch = now
        phase = .running
        for id in jobs.keys.sorted() { schedule(id, atOrAfter: now) }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await loop()
            } onGracefulShutdown: {
                Task { await self.beginShutdown() }
            }
        } onCancel: {
            Task { await self.cancelAll() }
        }
        phase = .finished
    }
}
