import Config
import Prober

extension Scheduler where Input == ProbeSettings, Output == ProbeResult {
    /// A scheduler whose jobs are probes: each run is `prober.probe(job.input)`, keeping no transcript.
    public init(
        clock: C,
        prober: Prober,
        maximumConcurrentRuns: Int,
        jobs: [Job] = [],
        sink: @escaping Sink
    ) {
        self.init(
            clock: clock,
            maximumConcurrentRuns: maximumConcurrentRuns,
            jobs: jobs,
            work: { job in await prober.probe(job.input, keepingTranscript: false) },
            sink: sink
        )
    }
}

extension ScheduledJob where Input == ProbeSettings {
    /// A probe of `settings` every `interval`, named `id` (the target's name).
    ///
    /// The scheduler's hard deadline is the probe's own timeout plus `grace`, so a probe normally ends by its own
    /// timeout (and reports the phase it was in) before the scheduler would cancel it.
    public init(id: String, settings: ProbeSettings, interval: Duration, grace: Duration = .seconds(1)) {
        self.init(id: id, interval: interval, timeout: settings.timeout + grace, input: settings)
    }
}
