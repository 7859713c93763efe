extension Scheduler {
    /// Where the scheduler is in its life.
    enum Phase: Sendable {
        case notStarted
        case running
        case shuttingDown
        case cancelled
        case finished
    }

    /// One scheduled job and what the scheduler keeps about it.
    struct JobState: Sendable {
        /// The current value of the job.
        var job: Job
        /// Tells this value's slots from those of an earlier value of the same id.
        var generation: Int
        /// The job's grid, once the scheduler has started.
        var grid: Grid<C.Instant>?
        /// Slots skipped since the job's previous run started.
        var skipped = 0

        init(job: Job, generation: Int) {
            self.job = job
            self.generation = generation
        }
    }

    /// A due slot waiting for the concurrency cap.
    struct WaitingRun: Sendable {
        var id: String
        var generation: Int
        var scheduled: C.Instant
    }

    /// A run whose work has started and not yet been reported.
    struct RunningRun: Sendable {
        var runID: Int
        var deadline: C.Instant
        var task: Task<Void, Never>
        /// The work returned; the sink may still be busy with it.
        var returned = false
        /// The scheduler cancelled it at its deadline.
        var deadlineExceeded = false
    }
}
