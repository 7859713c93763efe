import Alerting
import ArgumentParser
import Config
import Exposition
import Logging
import Prober
import Prometheus
import Scheduler
import ServiceLifecycle
import Transport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `imapwatch serve --config FILE`: probes every configured target on its interval and serves `/metrics`.
///
/// The configuration is prepared before anything starts, as every reload prepares it (`PreparedConfiguration`:
/// exit 1 with every error when it is invalid, or with the reason when its certificate or alert storage cannot
/// be used). The scheduler and the HTTP server run in one `ServiceGroup`; SIGTERM or SIGINT stops the server
/// accepting, lets running probes finish (or cancels them at their deadline) and exits 0.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the agent: probe every configured target on its interval, serve Prometheus metrics.",
        discussion: """
            Endpoints: /metrics (Prometheus text format), /probe?target=host:port&module=NAME (one probe now, \
            its metrics only; &debug=true for the result and the redacted transcript; a module that logs in only on \
            the hosts of its probe_hosts:), /-/healthy, /-/ready, \
            POST /-/reload, and / (links). SIGHUP or POST /-/reload loads the configuration file again, all or \
            nothing: one that would start (files, templates, certificate, alert storage) replaces the running one \
            at once; any other is logged and rejected with its reason (POST answers 500), and the old one keeps \
            running whole (imapwatch_config_last_reload_successful 0). Logs go to standard error, one line per event. \
            A failed probe logs its target, phase, reason and the server's text, never a credential. \
            --shard i/n keeps only the targets whose name hashes to shard i of n, so several agents can split \
            a large fleet. \
            --web.config.file takes the Prometheus exporter-toolkit web configuration format with \
            basic_auth_users (user: bcrypt hash, as `htpasswd -nBC 10 USER` prints); every endpoint then answers \
            401 without valid credentials, and a reload reads it again; with tls_server_config (cert_file, \
            key_file, min_version TLS12 or TLS13) every endpoint is HTTPS only, through the system OpenSSL, and a \
            reload loads the certificate again (turning TLS on or off takes a restart). \
            /metrics is gzip-compressed for clients that accept it. \
            With an alerts: section, each probe is judged against the alert conditions and its target's \
            alerting: flap control, and notifications go to the configured receivers (Slack, Teams, Discord, \
            Mattermost, Rocket.Chat, Google Chat, ntfy, webhook, Alertmanager, a Mustache template) through a \
            durable queue under --storage.path, with the alert state beside it; `imapwatch alert test` sends a \
            test message.
            """
    )

    @Option(name: .customLong("config"), help: "The YAML configuration file.")
    var config: String

    @Option(
        name: .customLong("web.listen-address"),
        help: "Address to serve HTTP on, [host]:port; an empty host means every IPv4 address.")
    var listenAddress = ListenAddress(host: "0.0.0.0", port: ListenAddress.defaultPort)

    @Option(
        name: .customLong("web.config.file"),
        help: "Exporter-toolkit web configuration (basic_auth_users with bcrypt hashes) for every HTTP endpoint.")
    var webConfigFile: String?

    @Option(name: .customLong("log.level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    @Option(name: .customLong("log.format"), help: "logfmt or json.")
    var logFormat: LogFormat = .logfmt

    @Option(name: .customLong("shard"), help: "Probe only shard i of n (zero-based, as i/n).")
    var shard: Shard = .all

    @Option(
        name: .customLong("probe.concurrency"),
        help: "The most scheduled probes running at once; /probe requests have a cap of the same size.")
    var concurrency = 64

    @Option(
        name: .customLong("storage.path"),
        help: "Where the alert state and the notification queue are kept (used only with an alerts: section).")
    var storagePath = "/var/lib/imapwatch"

    @Option(
        name: .customLong("web.external-url"),
        help: "The URL people reach this agent at, for links in Alertmanager notifications (default http://HOSTNAME:PORT/).")
    var externalURL: String?

    /// A command with every default; ArgumentParser fills it from the command line.
    public init() {}

    public func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--probe.concurrency must be at least 1") }
    }

    public func run() async throws {
        LoggingBootstrap.bootstrapOnce(format: logFormat, level: logLevel)
        let logger = Logger(label: "imapwatch", factory: LoggingBootstrap.factory(format: logFormat, level: logLevel))
        let environment = ProcessInfo.processInfo.environment
        let readiness = Readiness(ready: false)

        let registry = PrometheusCollectorRegistry()
        let alerts = AlertService(storagePath: storagePath, metrics: AlertMetrics(registry: registry), logger: logger)
        let loader = ConfigLoader(environment: environment)
        let prepared: PreparedConfiguration
        do {
            prepared = try await PreparedConfiguration.prepare(
                path: config, webConfigFile: webConfigFile, loader: loader, environment: environment,
                site: { web in
                    externalURL
                        ?? "\(web?.tls == nil ? "http" : "https")://\(ProcessInfo.processInfo.hostName):\(listenAddress.port)/"
                },
                alerts: alerts, logger: logger)
        } catch {
            let lines = error.warnings + [error.description]
            ParseFailureReport(exitCode: 1, standardOutput: "", standardError: lines.joined(separator: "\n")).write()
            throw ExitCode(1)
        }
        let loaded = prepared.loaded
        let web = prepared.web ?? WebConfiguration()
        let webTLS = prepared.tls.map(WebTLS.init)
        if let webConfigFile {
            logger.log(
                level: web.requiresAuthentication ? .info : .warning,
                web.requiresAuthentication
                    ? "web configuration loaded" : "web configuration has no basic_auth_users: endpoints are open",
                metadata: [
                    "file": "\(webConfigFile)", "users": "\(web.basicAuthUsers.count)",
                    "tls": "\(web.tls.map { "from TLS \($0.minimumVersion.rawValue), \($0.certificateFile)" } ?? "off")",
                ])
        }
        let openFiles: OpenFilesLimit?
        if let limit = OpenFilesLimit.raiseSoftToHard() {
            openFiles = limit.after
            if limit.before != limit.after {
                logger.debug("open files limit raised", metadata: ["before": "\(limit.before)", "after": "\(limit.after)"])
            }
        } else {
            openFiles = OpenFilesLimit.current()
            logger.warning(
                "cannot raise the open files limit; probes in flight and connections share what there is",
                metadata: ["limit": "\(openFiles.map(\.description) ?? "unknown")"])
        }
        let targets = loaded.targets.filter { shard.contains($0.name) }
        logger.info(
            "configuration loaded",
            metadata: [
                "file": "\(config)", "targets": "\(targets.count)", "configured": "\(loaded.targets.count)",
                "shard": "\(shard)",
            ])

        let probeMetrics = ProbeMetrics(registry: registry)
        probeMetrics.reconcile(with: targets)  // the status page lists every target before its first probe
        let agentMetrics = AgentMetrics(
            registry: registry, version: ImapwatchVersion.current, revision: ImapwatchVersion.revision)
        agentMetrics.setTargets(targets.count)
        agentMetrics.recordConfigLoad(successful: true, at: Prober.unixTime())
        await alerts.apply(prepared.alerting, targets: targets)
        // Name lookups, password checks and webhook sends each on an executor of their own (BlockingExecutor), so
        // a resolver that does not answer, a flood of wrong passwords or a receiver that hangs never delays a probe.
        let resolver = Resolver()
        let runtime = ServeRuntime(
            prober: Prober(resolver: resolver), mailFlowProber: MailFlowProber(resolver: resolver), environment: environment, probeMetrics: probeMetrics, agentMetrics: agentMetrics,
            alerts: alerts, logger: logger)
        let scheduler = runtime.scheduler(jobs: ServeRuntime.jobs(for: targets), maximumConcurrentRuns: concurrency)
        let authenticator = BasicAuthenticator(configuration: web)
        let executorMetrics = ExecutorMetrics(registry: registry, names: ["resolver", "auth", "delivery"])
        let reloader = ConfigReloader(
            path: config, loader: loader, webConfigFile: webConfigFile, authenticator: authenticator, webTLS: webTLS,
            shard: shard,
            initial: loaded, scheduler: scheduler, probeMetrics: probeMetrics, agentMetrics: agentMetrics,
            alerts: alerts, site: prepared.site, environment: environment, logger: logger)
        let reloadOnSignal = await ReloadSignalService(reloader: reloader)
        let probeEndpoint = ProbeEndpoint(
            runtime: runtime, maximumConcurrent: concurrency, logger: logger,
            configuration: { await reloader.current })
        readiness.set(ready: true)

        let router = MetricsRouter(
            metrics: probeMetrics, readiness: readiness, version: ImapwatchVersion.current,
            authenticator: authenticator,
            refresh: {
                agentMetrics.setProbesInFlight(await scheduler.statistics().inFlight)
                executorMetrics.record("resolver", resolver.statistics)
                executorMetrics.record("auth", authenticator.executor.statistics)
                executorMetrics.record("delivery", alerts.client.executor.statistics)
            },
            reload: { await reloader.reload(trigger: "http") },
            probe: { await probeEndpoint.handle($0) })
        let host = listenAddress.host
        let app = MetricsApplication.make(
            router: router, host: host, port: listenAddress.port, tls: webTLS,
            limits: .forOpenFilesLimit(openFiles?.soft), logger: logger,
            onServerRunning: { port in
                let address = ListenAddress(host: host, port: port ?? -1)
                logger.info("listening", metadata: ["address": "\(address)"])
            })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                // Stopped in reverse order: the scheduler's last probes reach the alerts before they save.
                services: [
                    .init(service: alerts),
                    .init(service: scheduler),
                    .init(service: app),
                    .init(service: reloadOnSignal),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        logger.info("stopped")
    }
}
