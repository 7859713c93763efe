import Config
import Exposition
import Logging
import Prober
import NIOConcurrencyHelpers

/// Answers `/probe?target=&module=`: one probe now, its gauges only, or with `debug=true` the report a person
/// reads (waterfall, facts, the redacted transcript) followed by those metrics.
///
/// `target` with `module` is `host`, `host:port` or `[v6]:port`, probed with the module over the defaults, as
/// blackbox_exporter does; `target` alone names a configured target. A module that logs in is used only on the
/// hosts its `probe_hosts:` lists (403 otherwise), so nobody who can reach the port can have the agent send its
/// credentials to a server of their choosing. The probe's timeout is the module's, cut to
/// the scraper's `X-Prometheus-Scrape-Timeout-Seconds` less half a second when that is shorter. At most
/// `maximumConcurrent` such probes run at once; beyond that the answer is 503 at once.
struct ProbeEndpoint: Sendable {
    /// Time kept back from the scraper's timeout so the answer arrives before the scraper gives up.
    static let timeoutOffset = Duration.milliseconds(500)
    /// The shortest probe timeout a scrape timeout can cut to.
    static let shortestTimeout = Duration.milliseconds(100)

    let runtime: ServeRuntime
    /// The configuration running now.
    let configuration: @Sendable () async -> LoadedConfiguration
    let slots: ConcurrencySlots
    let logger: Logger

    /// An endpoint probing with `runtime` under whatever `configuration` returns at each request.
    init(
        runtime: ServeRuntime, maximumConcurrent: Int, logger: Logger,
        configuration: @escaping @Sendable () async -> LoadedConfiguration
    ) {
        self.runtime = runtime
        self.configuration = configuration
        self.slots = ConcurrencySlots(limit: maximumConcurrent)
        self.logger = logger
    }

    /// The answer to `request`.
    func handle(_ request: ProbeEndpointRequest) async -> ProbeEndpointResponse {
        let loaded = await configuration()
        var target: TargetConfiguration
        switch Self.resolve(request, in: loaded) {
        case .success(let resolved): target = resolved
        case .failure(let refusal): return .error(refusal.forbidden ? .forbidden : .badRequest, refusal.message)
        }
        if let scrapeTimeout = request.scrapeTimeout {
            let allowed = max(scrapeTimeout - Self.timeoutOffset, Self.shortestTimeout)
            target.settings.timeout = min(target.settings.timeout, allowed)
        }
        guard slots.acquire() else {
            return .error(
                .serviceUnavailable, "\(slots.limit) probes are running already (--probe.concurrency); try again later")
        }
        defer { slots.release() }
        let (result, secrets) = await runtime.probeReturningSecrets(target, keepingTranscript: request.debug)
        if let failure = result.failure {
            logger.debug(
                "probe request failed",
                metadata: [
                    "target": "\(target.name)", "phase": "\(failure.phase.rawValue)",
                    "reason": "\(failure.code.rawValue)",
                ])
        }
        let metrics = SingleProbeMetrics.render(result: result, target: target)
        guard request.debug else {
            return ProbeEndpointResponse(status: .ok, contentType: MetricsRouter.metricsContentType, body: metrics)
        }
        let report = ProbeReport(result: result, now: Prober.unixTime(), showTranscript: true)
        let body = [
            "probe of \(target.name)" + (target.module.map { " with module \($0)" } ?? ""), "",
            report.render(), "", "metrics that would have been returned:", metrics,
        ].joined(separator: "\n")
        // One scrub over the whole body (headline, report and metrics), rather than the report's own and another.
        return ProbeEndpointResponse(status: .ok, contentType: "text/plain; charset=utf-8", body: SecretScrubber(secrets).scrub(body))
    }

    /// Why a request names no target that can be probed; `forbidden` when the request is well-formed but the
    /// module's credentials may not go to that host (403 rather than 400).
    struct Refusal: Error, Equatable {
        var message: String
        var forbidden = false
    }

    /// The target `request` names in `loaded`, validated as the loader validates a file's targets.
    static func resolve(
        _ request: ProbeEndpointRequest, in loaded: LoadedConfiguration
    ) -> Result<TargetConfiguration, Refusal> {
        guard let text = request.target, !text.isEmpty else {
            return .failure(Refusal(message: "the target parameter is missing"))
        }
        let modules = loaded.moduleNames.isEmpty ? "none are configured" : loaded.moduleNames.joined(separator: ", ")
        guard let module = request.module, !module.isEmpty else {
            if let configured = loaded.targets.first(where: { $0.name == text }) { return .success(configured) }
            return .failure(
                Refusal(
                    message: "target \(ProbeTargetAddress.quoted(text)) is not a configured target name; "
                        + "give module= to probe a host (modules: \(modules))"))
        }
        let address: ProbeTargetAddress
        do {
            address = try ProbeTargetAddress(parsing: text)
        } catch {
            return .failure(Refusal(message: error.message))
        }
        guard let target = loaded.adHocTarget(name: text, host: address.host, port: address.port, module: module)
        else {
            return .failure(
                Refusal(message: "unknown module \(ProbeTargetAddress.quoted(module)) (modules: \(modules))"))
        }
        let problems = target.validate()
        guard problems.isEmpty else {
            return .failure(Refusal(message: problems.map(\.message).joined(separator: "; ")))
        }
        if target.login != nil {
            guard let patterns = loaded.probeHosts(ofModule: module) else {
                return .failure(
                    Refusal(
                        message: "module \(ProbeTargetAddress.quoted(module)) logs in: /probe uses its credentials only "
                            + "on the hosts listed under probe_hosts: in the module, and it lists none",
                        forbidden: true))
            }
            guard ProbeHostPattern.allows(address.host, patterns: patterns) else {
                return .failure(
                    Refusal(
                        message: "host \(ProbeTargetAddress.quoted(address.host.text)) is not in the probe_hosts of module "
                            + "\(ProbeTargetAddress.quoted(module)), so its credentials are not sent there",
                        forbidden: true))
            }
        }
        return .success(target)
    }
}

/// A counter of places, for a cap on concurrent work that refuses rather than queues.
final class ConcurrencySlots: Sendable {
    /// How many may be taken at once.
    let limit: Int
    private let taken = NIOLockedValueBox(0)

    /// Slots for at most `limit` (at least 1) at once.
    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    /// Takes a place; false when all are taken.
    func acquire() -> Bool {
        taken.withLockedValue { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Gives back a place taken with `acquire()`.
    func release() {
        taken.withLockedValue { $0 = max($0 - 1, 0) }
    }
}
