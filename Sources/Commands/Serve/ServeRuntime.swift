import Alerting
import Config
import Exposition
import Logging
import Prober
import Scheduler

/// What `serve` wires together for one loaded configuration: the work each scheduled run does and the sink that
/// turns finished runs into metrics and log lines.
struct ServeRuntime: Sendable {
    /// The scheduler the daemon runs: one job per target, the target's configuration as the job's input.
    typealias TargetScheduler = Scheduler<TargetConfiguration, ProbeResult, ContinuousClock>

    let prober: Prober
    /// Runs the targets that are mail-flow loops; shares the prober's threads, resolver and TLS contexts.
    let mailFlowProber: MailFlowProber
    let environment: [String: String]
    let probeMetrics: ProbeMetrics
    let agentMetrics: AgentMetrics
    let alerts: AlertService
    let logger: Logger

    /// One job per target: every `interval`, cancelled one second after the probe's own timeout (a loop's: both
    /// sessions' timeouts and its wait).
    static func jobs(for targets: [TargetConfiguration]) -> [ScheduledJob<TargetConfiguration>] {
        targets.map { target in
            let own = target.mailFlow.map { target.settings.timeout * 2 + $0.wait } ?? target.settings.timeout
            return ScheduledJob(id: target.name, interval: target.interval, timeout: own + .seconds(1), input: target)
        }
    }

    /// One scheduled probe of `target`, reading its secret now (so a rotated password file is picked up). It
    /// keeps no transcript: nothing a scheduled probe feeds (metrics, status page, alerts, logs) shows one.
    func probe(_ target: TargetConfiguration) async -> ProbeResult {
        await probeReturningSecrets(target, keepingTranscript: false).result
    }

    /// One probe of `target` and the secrets it used, for a report that must scrub them (`/probe?debug=true`).
    ///
    /// The result is scrubbed of those secrets once more, whatever their source (file, environment, inline),
    /// before anything sees it: metrics, the status page, alerts and logs all get the scrubbed result.
    func probeReturningSecrets(_ target: TargetConfiguration, keepingTranscript: Bool) async
        -> (result: ProbeResult, secrets: [Secret])
    {
        do {
            let settings = try target.probeSettings(environment: environment)
            var secrets = settings.credentials.map { [$0.secret] } ?? []
            if let mailFlow = target.mailFlow {
                let submissionLogin = try mailFlow.login?.credentials(environment: environment)
                secrets += submissionLogin.map { [$0.secret] } ?? []
                let result = await runLoop(target, mailbox: settings, mailFlow, submissionLogin, keepingTranscript)
                return (result.scrubbing(SecretScrubber(secrets)), secrets)
            }
            let result = await prober.probe(settings, keepingTranscript: keepingTranscript)
            return (result.scrubbing(SecretScrubber(secrets)), secrets)
        } catch {
            return (.secretUnreadable(error, settings: target.settings, startedAt: Prober.unixTime()), [])
        }
    }

    /// One run of a target that is a mail-flow loop, as one result (`MailFlowResult.asProbeResult`).
    private func runLoop(
        _ target: TargetConfiguration, mailbox: ProbeSettings, _ mailFlow: MailFlowConfiguration,
        _ submissionLogin: Credentials?, _ keepingTranscript: Bool
    ) async -> ProbeResult {
        let settings: MailFlowSettings
        do {
            settings = try MailFlowSettings(
                identity: target.name, mailbox: mailbox, configuration: mailFlow, submissionLogin: submissionLogin)
        } catch {
            return ProbeResult(
                host: mailbox.host.text, port: mailbox.port, tlsMode: mailbox.tlsMode, startedAt: Prober.unixTime(),
                phases: Phase.mailbox.map { PhaseRecord(phase: $0, outcome: .skipped(.notReached)) }, totalDuration: .zero,
                failure: ProbeFailure(code: .configurationInvalid, phase: .delivery, message: error.description))
        }
        let result = await mailFlowProber.run(settings, keepingTranscript: keepingTranscript)
        return result.asProbeResult
            ?? ProbeResult(
                host: mailbox.host.text, port: mailbox.port, tlsMode: mailbox.tlsMode, startedAt: result.startedAt,
                phases: Phase.mailbox.map { PhaseRecord(phase: $0, outcome: .skipped(.notReached)) }, totalDuration: .zero,
                failure: ProbeFailure(code: .internalError, phase: .delivery, message: "the loop ran no mailbox session"))
    }

    /// Records one finished run and logs it when it failed.
    func record(_ run: TargetScheduler.Run) async {
        probeMetrics.record(
            result: run.result, target: run.job.input, phaseHistograms: run.job.input.phaseHistograms)
        agentMetrics.probeFinished(run.result)
        agentMetrics.recordPhases(of: run.result, module: run.job.input.module)
        agentMetrics.recordScheduleLag(run.lag)
        agentMetrics.recordSkippedSlots(run.skippedSlots)
        if run.skippedSlots > 0 {
            logger.warning(
                "probe slots skipped",
                metadata: [
                    "target": "\(run.id)", "skipped": "\(run.skippedSlots)",
                    "hint": "a probe took longer than the interval, or --probe.concurrency is too low for the targets",
                ])
        }
        if let failure = run.result.failure {
            var metadata: Logger.Metadata = [
                "target": "\(run.id)", "phase": "\(failure.phase.rawValue)", "reason": "\(failure.code.rawValue)",
                "detail": "\(failure.message)",
            ]
            if let text = failure.serverText { metadata["server_text"] = "\(text)" }
            if run.deadlineExceeded { metadata["deadline_exceeded"] = "true" }
            logger.warning("probe failed", metadata: metadata)
        } else {
            logger.debug(
                "probe succeeded",
                metadata: ["target": "\(run.id)", "duration_seconds": "\(run.result.totalDuration.inSeconds)"])
        }
        // After the probe's own line, so an alert's line follows the failure that fired it.
        await alerts.observe(run.result, of: run.job.input)
    }

    /// The scheduler over `jobs`, capped at `maximumConcurrentRuns`.
    func scheduler(jobs: [ScheduledJob<TargetConfiguration>], maximumConcurrentRuns: Int) -> TargetScheduler {
        let runtime = self
        return TargetScheduler(
            maximumConcurrentRuns: maximumConcurrentRuns, jobs: jobs,
            work: { job in await runtime.probe(job.input) },
            sink: { run in await runtime.record(run) })
    }
}
