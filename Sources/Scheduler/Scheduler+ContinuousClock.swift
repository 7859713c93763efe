extension Scheduler where C == ContinuousClock {
    /// A scheduler on the system's monotonic clock (what the daemon uses).
    public init(
        maximumConcurrentRuns: Int,
        jobs: [Job] = [],
        work: @escaping Work,
        sink: @escaping Sink
    ) {
        self.init(clock: ContinuousClock(), maximumConcurrentRuns: maximumConcurrentRuns, jobs: jobs, work: work, sink: sink)
    }
}
