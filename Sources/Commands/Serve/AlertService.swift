import Alerting
import Config
import Exposition
import Logging
import Prober
import ServiceLifecycle

/// The daemon's alerting, a ServiceLifecycle service: takes every finished probe, and once a second queues the
/// due notification groups and makes a delivery pass, keeping the alert metrics current.
///
/// Idle until the configuration has an `alerts:` section; a reload may add, change or remove it. The queue and
/// the alert state live under the storage path (`queue/` and `alert-state.json`).
actor AlertService: Service {
    private let storagePath: String
    private let metrics: AlertMetrics
    private let logger: Logger
    private var dispatcher: AlertDispatcher?
    private var receiverNames: [String] = []
    /// Held from the first `apply` with receivers to the end of the process.
    private var lock: StorageLock?

    /// A service keeping its files under `storagePath`, recording into `metrics`.
    init(storagePath: String, metrics: AlertMetrics, logger: Logger) {
        self.storagePath = storagePath
        self.metrics = metrics
        self.logger = logger
    }

    /// Why alerting could not start: the storage directory, the queue or a template.
    struct SetupFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Applies a loaded configuration's receivers (`nil`: no `alerts:` section) for `targets`; the first call
    /// opens the queue and restores the saved state.
    func apply(_ receivers: AlertReceivers?, targets: [TargetConfiguration]) async throws(SetupFailure) {
        let now = Prober.unixTime()
        metrics.unregister(receivers: receiverNames.filter { name in receivers?.endpoints.contains { $0.name == name } != true })
        receiverNames = receivers?.endpoints.map(\.name) ?? []
        metrics.register(receivers: receiverNames)
        guard let receivers else {
            if dispatcher != nil {
                try? await dispatcher?.saveState()
                logger.warning("alerts: section removed; no alert is evaluated or sent until it is back")
            }
            dispatcher = nil
            return
        }
        if let dispatcher {
            await dispatcher.reconfigure(receivers: receivers, targets: targets, now: now)
            return
        }
        dispatcher = try open(receivers)
    }

    /// Takes one finished probe of `target`.
    func observe(_ result: ProbeResult, of target: TargetConfiguration) async {
        guard let dispatcher else { return }
        for notification in await dispatcher.observe(result, of: target, now: Prober.unixTime()) {
            logger.log(
                level: notification.status == .firing ? .warning : .info,
                notification.status == .firing ? "alert firing" : "alert resolved",
                metadata: [
                    "target": "\(notification.target)", "condition": "\(notification.condition)",
                    "severity": "\(notification.level.rawValue)", "summary": "\(notification.summary)",
                ])
        }
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(1))
                await self.tick()
            }
        }
        do {
            try await dispatcher?.saveState()
        } catch {
            logger.error("cannot save the alert state", metadata: ["error": "\(error)"])
        }
    }

    /// One pass: queue due groups, deliver, and bring the metrics up to date.
    func tick() async {
        guard let dispatcher else { return }
        do {
            let tick = try await dispatcher.tick(now: Prober.unixTime())
            record(tick)
        } catch {
            logger.error("cannot write the alert queue or state", metadata: ["error": "\(error)"])
        }
        for (receiver, length) in await dispatcher.queueLengths() {
            metrics.setQueueLength(receiver: receiver, length)
        }
        for (state, counts) in await dispatcher.alertCounts {
            for level in [AlertLevel.warning, .critical] {
                metrics.setAlerts(state: state, severity: level.rawValue, count: counts[level] ?? 0)
            }
        }
    }

    private func record(_ tick: AlertDispatcher.Tick) {
        for (receiver, count) in tick.dropped {
            metrics.count(.dropped, receiver: receiver, by: count)
            logger.error(
                "notification queue full: oldest notifications dropped",
                metadata: ["receiver": "\(receiver)", "dropped": "\(count)"])
        }
        for (receiver, reason) in tick.formatFailures {
            metrics.count(.invalid, receiver: receiver)
            logger.error("notification not sent: its body could not be written", metadata: [
                "receiver": "\(receiver)", "error": "\(reason)",
            ])
        }
        for report in tick.deliveries {
            DeliveryLog.record(report, metrics: metrics, logger: logger)
        }
    }

    private func open(_ receivers: AlertReceivers) throws(SetupFailure) -> AlertDispatcher {
        let stateFile: AlertStateFile
        var queue: DurableQueue
        let recovery: DurableQueue.Recovery
        do {
            stateFile = try AlertStateFile(directory: storagePath)
            lock = try lock ?? StorageLock(directory: storagePath)
            queue = try DurableQueue(
                directory: storagePath + "/queue", capacity: receivers.configuration.queueCapacity)
            recovery = try queue.recover()
        } catch {
            throw SetupFailure(description: "cannot use the storage path \(storagePath): \(error)")
        }
        var snapshot: AlertSnapshot?
        do {
            snapshot = try stateFile.load()
        } catch {
            logger.error("alert state not restored; starting with none", metadata: ["error": "\(error)"])
        }
        logger.info(
            "alerting started",
            metadata: [
                "storage": "\(storagePath)", "receivers": "\(receivers.endpoints.count)",
                "queued": "\(recovery.restored)", "unreadable": "\(recovery.unreadable)",
                "firing": "\(snapshot?.engine.firingCount.values.reduce(0, +) ?? 0)",
            ])
        if recovery.dropped > 0 {
            logger.error("notification queue over its bound at start: oldest dropped", metadata: [
                "dropped": "\(recovery.dropped)",
            ])
        }
        let notifier = Notifier(queue: queue, endpoints: receivers.endpoints)
        return AlertDispatcher(receivers: receivers, snapshot: snapshot, notifier: notifier, stateFile: stateFile)
    }
}
