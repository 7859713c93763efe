import Alerting
import Config
import Exposition
import Logging
import Prober
import Scheduler

/// Loads the configuration file again on SIGHUP or `POST /-/reload` and swaps it in atomically.
///
/// A valid file replaces the running configuration in one step: the scheduler gets the new jobs (added targets
/// start on their next slot, removed ones stop, changed ones start over), the series of removed targets and of
/// targets whose labels changed disappear at once, and `imapwatch_config_last_reload_successful` becomes 1. An
/// invalid file changes nothing but that gauge (0) and an error log line with every position. The
/// `--web.config.file`, when given, is read again too and both must be valid for either to change; with TLS on,
/// its certificate and key are loaded again (a renewed certificate is served from the next connection on) and a
/// key that does not match rejects the reload. Turning TLS on or off needs a restart: the listener keeps its
/// scheme, and a warning says so. Reloads are serialized: one at a time, in the order they were asked for.
actor ConfigReloader {
    /// The file loaded at start and at every reload.
    let path: String
    let loader: ConfigLoader
    /// The web configuration file (`basic_auth_users`), read again at each reload.
    let webConfigFile: String?
    let authenticator: BasicAuthenticator
    /// The endpoints' TLS when `tls_server_config` was set at start, else `nil` (plain HTTP until a restart).
    let webTLS: WebTLS?
    let shard: Shard
    let scheduler: ServeRuntime.TargetScheduler
    let probeMetrics: ProbeMetrics
    let agentMetrics: AgentMetrics
    let alerts: AlertService
    /// Where the agent's pages are, for the Alertmanager formats' links.
    let site: String
    let environment: [String: String]
    let logger: Logger
    /// The configuration running now (every target, before sharding: `/probe` may name any of them).
    private(set) var current: LoadedConfiguration

    /// A reloader of `path`, starting from `initial`, which the caller loaded and already gave `scheduler`.
    init(
        path: String, loader: ConfigLoader, webConfigFile: String?, authenticator: BasicAuthenticator, webTLS: WebTLS?,
        shard: Shard, initial: LoadedConfiguration,
        scheduler: ServeRuntime.TargetScheduler, probeMetrics: ProbeMetrics, agentMetrics: AgentMetrics,
        alerts: AlertService, site: String, environment: [String: String], logger: Logger
    ) {
        self.path = path
        self.loader = loader
        self.webConfigFile = webConfigFile
        self.authenticator = authenticator
        self.webTLS = webTLS
        self.shard = shard
        self.current = initial
        self.scheduler = scheduler
        self.probeMetrics = probeMetrics
        self.agentMetrics = agentMetrics
        self.alerts = alerts
        self.site = site
        self.environment = environment
        self.logger = logger
    }

    /// The configuration file and, when given, the web configuration file, both loaded strictly (at start and
    /// at every reload); the configuration's warnings are logged.
    static func loadFiles(
        path: String, webConfigFile: String?, loader: ConfigLoader, logger: Logger
    ) throws(ConfigError) -> (configuration: LoadedConfiguration, web: WebConfiguration?) {
        let loaded = try loader.load(path: path)
        let web = try webConfigFile.map { file throws(ConfigError) in try WebConfigLoader().load(path: file) }
        for warning in loaded.warnings {
            logger.warning("configuration warning", metadata: ["detail": "\(warning.description)"])
        }
        return (loaded, web)
    }

    /// The reload running or last run: each new one waits for it, so reloads never interleave at their awaits.
    private var lastReload: Task<ReloadOutcome, Never>?

    /// Loads the file again and swaps it in if it is valid; `trigger` (`SIGHUP`, `http`) goes to the log. Runs
    /// after any reload asked for earlier has finished.
    func reload(trigger: String) async -> ReloadOutcome {
        let previous = lastReload
        let next = Task {
            _ = await previous?.value
            return await self.performReload(trigger: trigger)
        }
        lastReload = next
        return await next.value
    }

    private func performReload(trigger: String) async -> ReloadOutcome {
        let loaded: LoadedConfiguration
        let web: WebConfiguration?
        let receivers: AlertReceivers?
        do {
            (loaded, web) = try Self.loadFiles(path: path, webConfigFile: webConfigFile, loader: loader, logger: logger)
            receivers = try AlertReceivers.of(loaded, site: site, environment: environment)
            if let webTLS, let tls = web?.tls { try webTLS.replace(with: tls) }
        } catch {
            agentMetrics.recordConfigLoad(successful: false, at: Prober.unixTime())
            logger.error(
                "configuration reload rejected; the previous configuration keeps running",
                metadata: ["file": "\(path)", "trigger": "\(trigger)", "error": "\(error)"])
            return .rejected(reason: "\(error)")
        }
        let before = Set(current.targets.filter { shard.contains($0.name) })
        let targets = loaded.targets.filter { shard.contains($0.name) }
        let change = ReloadChange(before: before, after: targets)
        await scheduler.update(jobs: ServeRuntime.jobs(for: targets))
        probeMetrics.reconcile(with: targets)
        if let web { authenticator.replace(with: web) }
        if let web, (web.tls == nil) != (webTLS == nil) {
            logger.warning(
                "tls_server_config was added or removed: the endpoints keep \(webTLS == nil ? "plain HTTP" : "TLS") until a restart",
                metadata: ["file": "\(webConfigFile ?? "")"])
        }
        do {
            try await alerts.apply(receivers, targets: targets)
        } catch {
            logger.error("alerting not started", metadata: ["error": "\(error)"])
        }
        current = loaded
        agentMetrics.setTargets(targets.count)
        agentMetrics.recordConfigLoad(successful: true, at: Prober.unixTime())
        logger.info(
            "configuration reloaded",
            metadata: [
                "file": "\(path)", "trigger": "\(trigger)", "targets": "\(targets.count)",
                "added": "\(change.added)", "removed": "\(change.removed)", "changed": "\(change.changed)",
            ])
        return .reloaded(summary: change.summary(targets: targets.count))
    }
}
