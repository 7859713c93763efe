import Alerting
import Config
import Exposition
import Logging
import Prober
import Scheduler

/// Loads the configuration file again on SIGHUP or `POST /-/reload` and swaps it in atomically.
///
/// All or nothing: the file is first prepared exactly as at start (`PreparedConfiguration`: both files parsed,
/// receivers' templates compiled, certificate and key loaded, the alert storage opened and locked when alerting
/// starts with this file), and only when every step succeeded is it committed, which cannot fail: the scheduler
/// gets the new jobs (added targets start on their next slot, removed ones stop, changed ones start over), the
/// series of removed targets and of targets whose labels changed disappear at once, the web settings, the
/// certificate and the alerting change, and `imapwatch_config_last_reload_successful` becomes 1. A file that
/// fails any step changes nothing (targets, alerting, web settings and certificate keep running as they were)
/// but that gauge (0), an error log line and the rejection's reason, which names the file, position or path at
/// fault. The `--web.config.file`, when given, is read again too; with TLS on, a renewed certificate is served
/// from the next connection on. Turning TLS on or off needs a restart: the listener keeps its scheme, and a
/// warning says so. Reloads are serialized: one at a time, in the order they were asked for.
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

    /// The reload running or last run: each new one waits for it, so reloads never interleave at their awaits.
    private var lastReload: Task<ReloadOutcome, Never>?

    /// Loads the file again and swaps it in if every part of it can be prepared, else changes nothing and says
    /// why; `trigger` (`SIGHUP`, `http`) goes to the log. Runs after any reload asked for earlier has finished.
    func reload(trigger: String) async -> ReloadOutcome {
        let previous = lastReload
        let next = Task {
            _ = await previous?.value
            return await self.performReload(trigger: trigger)
        }
        lastReload = next
        return await next.value
    }

    /// Prepares the file (as `serve` prepares it at start), then commits it, which cannot fail: a reload is all
    /// or nothing.
    private func performReload(trigger: String) async -> ReloadOutcome {
        let site = self.site
        let prepared: PreparedConfiguration
        do {
            prepared = try await PreparedConfiguration.prepare(
                path: path, webConfigFile: webConfigFile, loader: loader, environment: environment,
                site: { _ in site }, alerts: alerts, logger: logger)
        } catch {
            agentMetrics.recordConfigLoad(successful: false, at: Prober.unixTime())
            logger.error(
                "configuration reload rejected; the previous configuration keeps running",
                metadata: ["file": "\(path)", "trigger": "\(trigger)", "error": "\(error)"])
            return .rejected(reason: error.description)
        }
        let loaded = prepared.loaded
        let before = Set(current.targets.filter { shard.contains($0.name) })
        let targets = loaded.targets.filter { shard.contains($0.name) }
        let change = ReloadChange(before: before, after: targets)
        await scheduler.update(jobs: ServeRuntime.jobs(for: targets))
        probeMetrics.reconcile(with: targets)
        if let web = prepared.web { authenticator.replace(with: web) }
        if let webTLS, let tls = prepared.tls { webTLS.install(tls) }
        if let web = prepared.web, (web.tls == nil) != (webTLS == nil) {
            logger.warning(
                "tls_server_config was added or removed: the endpoints keep \(webTLS == nil ? "plain HTTP" : "TLS") until a restart",
                metadata: ["file": "\(webConfigFile ?? "")"])
        }
        await alerts.apply(prepared.alerting, targets: targets)
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
