import Alerting
import Config
import Exposition
import Logging
import Prober
import ServiceLifecycle

/// The daemon's alerting, a ServiceLifecycle service: takes every finished probe; once a second queues the due
/// notification groups (and saves the alert state), and, in a loop of its own, makes a delivery pass, keeping
/// the alert metrics current.
///
/// Idle until the configuration has an `alerts:` section; a reload may add, change or remove it. The queue and
/// the alert state live under the storage path (`queue/` and `alert-state.json`), opened and locked once, by the
/// `prepare` of the first configuration with receivers (at start or at a reload), before anything of that
/// configuration runs: a storage that cannot be used rejects it whole. A section removed and added back by
/// reloads finds the same queue, never a second one beside it.
actor AlertService: Service {
    private let storagePath: String
    private let metrics: AlertMetrics
    private let logger: Logger
    /// Sends every notification: libcurl on an executor of its own (the `delivery` executor's metrics).
    nonisolated let client = WebhookClient()
    /// Opened at the first configuration with receivers; kept when a reload removes them (then `active` is off).
    private var dispatcher: AlertDispatcher?
    private var active = false
    private var receiverNames: [String] = []
    private var queueCapacity: Int?
    /// Held from the first `apply` with receivers to the end of the process (taken by its `prepare`).
    private var lock: StorageLock?
    /// When a storage error was last logged: one line a minute while the disk refuses, not one a second.
    private var lastStorageErrorLog = -Double.infinity

    /// A service keeping its files under `storagePath`, recording into `metrics`.
    init(storagePath: String, metrics: AlertMetrics, logger: Logger) {
        self.storagePath = storagePath
        self.metrics = metrics
        self.logger = logger
    }

    /// Why alerting could not start: the storage directory, its lock or the queue.
    struct SetupFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// An `alerts:` section made ready to apply, nothing running changed yet: its receivers and the dispatcher
    /// they will run on (the running one, or one over the storage opened for it when alerting starts now).
    struct Preparation: Sendable {
        fileprivate let receivers: AlertReceivers
        fileprivate let dispatcher: AlertDispatcher
        /// Set when this preparation opened the storage: dropped unapplied, it lets go of the lock again.
        fileprivate let opened: OpenedStorage?
    }

    /// The storage under the path, opened and locked by a preparation.
    fileprivate struct OpenedStorage: Sendable {
        let lock: StorageLock
        let recovery: DurableQueue.Recovery
        let firing: Int
    }

    /// Makes a loaded configuration's receivers ready to apply without changing what runs (`nil` in and out:
    /// no `alerts:` section). When alerting does not run yet this opens and locks the storage, reads the queue
    /// back and loads the saved state, so whatever can fail fails here, not in `apply`. Prepare and apply one
    /// configuration at a time.
    func prepare(_ receivers: AlertReceivers?) throws(SetupFailure) -> Preparation? {
        guard let receivers else { return nil }
        if let dispatcher {
            return Preparation(receivers: receivers, dispatcher: dispatcher, opened: nil)
        }
        let (dispatcher, opened) = try open(receivers)
        return Preparation(receivers: receivers, dispatcher: dispatcher, opened: opened)
    }

    /// Applies a prepared `alerts:` section (`nil`: none) for `targets`; cannot fail. Alerts of targets or
    /// conditions no longer configured resolve; without a section nothing is evaluated or sent (what is queued
    /// is still delivered), and the storage stays open for the section to come back.
    func apply(_ preparation: Preparation?, targets: [TargetConfiguration]) async {
        let names = preparation?.receivers.endpoints.map(\.name) ?? []
        metrics.unregister(receivers: receiverNames.filter { !names.contains($0) })
        receiverNames = names
        metrics.register(receivers: names)
        guard let preparation else {
            if active {
                logger.warning("alerts: section removed; no alert is evaluated or sent until it is back")
                do {
                    try await dispatcher?.saveState()
                } catch {
                    logger.error("cannot save the alert state", metadata: ["error": "\(error)"])
                }
            }
            active = false
            recordAlertCounts(["firing": [:], "pending": [:]])
            return
        }
        let receivers = preparation.receivers
        dispatcher = preparation.dispatcher
        if let opened = preparation.opened {
            lock = opened.lock
            logger.info(
                "alerting started",
                metadata: [
                    "storage": "\(storagePath)", "receivers": "\(receivers.endpoints.count)",
                    "queued": "\(opened.recovery.restored)", "unreadable": "\(opened.recovery.unreadable)",
                    "firing": "\(opened.firing)",
                ])
        }
        active = true
        if let queueCapacity, queueCapacity != receivers.configuration.queueCapacity {
            logger.info(
                "alerts.queue_capacity changed",
                metadata: ["before": "\(queueCapacity)", "after": "\(receivers.configuration.queueCapacity)"])
        }
        queueCapacity = receivers.configuration.queueCapacity
        let resolved = await preparation.dispatcher.reconfigure(
            receivers: receivers, targets: targets, now: Prober.unixTime())
        log(resolved)
    }

    /// Takes one finished probe of `target`.
    func observe(_ result: ProbeResult, of target: TargetConfiguration) async {
        guard active, let dispatcher else { return }
        log(await dispatcher.observe(result, of: target, now: Prober.unixTime()))
    }

    func run() async throws {
        // The loops end when cancelled: at graceful shutdown, or when the service group is cancelled.
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.loop { await $0.queueDue() } }
                group.addTask { await self.deliveryLoop() }
            }
        }
        do {
            try await dispatcher?.saveState()
        } catch {
            logger.error("cannot save the alert state", metadata: ["error": "\(error)"])
        }
    }

    /// Runs `pass` once a second until cancelled.
    private nonisolated func loop(_ pass: @Sendable (AlertService) async -> Void) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .seconds(1))
            } catch {
                return
            }
            await pass(self)
        }
    }

    /// Starts a delivery pass once a second until cancelled, without waiting for the passes before it: a pass
    /// waits for each send it started, and a receiver that hangs until its timeout must not keep notifications
    /// queued since for other receivers waiting (the notifier skips a receiver whose send is in flight, so passes
    /// that overlap never send one notification twice; at most one send per receiver is in flight).
    private nonisolated func deliveryLoop() async {
        await withDiscardingTaskGroup { passes in
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .seconds(1))
                } catch {
                    return
                }
                passes.addTask { await self.deliver() }
            }
        }
    }

    /// Queues due groups and brings the queue and alert metrics up to date.
    func queueDue() async {
        guard active, let dispatcher else { return }
        let tick = await dispatcher.queueDue(now: Prober.unixTime())
        record(tick)
        await recordQueueLengths(dispatcher)
        recordAlertCounts(await dispatcher.alertCounts)
    }

    /// Sets `imapwatch_alerts` from counts by state and level (a level missing from a state counts 0).
    private func recordAlertCounts(_ counts: [String: [AlertLevel: Int]]) {
        for (state, byLevel) in counts {
            for level in [AlertLevel.warning, .critical] {
                metrics.setAlerts(state: state, severity: level.rawValue, count: byLevel[level] ?? 0)
            }
        }
    }

    /// One delivery pass (also while inactive: what was queued before a reload removed `alerts:` is rejected
    /// or delivered, not left behind).
    func deliver() async {
        guard let dispatcher else { return }
        let reports = await dispatcher.deliver(now: Prober.unixTime())
        for report in reports {
            DeliveryLog.record(report, metrics: receiverNames.contains(report.receiver) ? metrics : nil, logger: logger)
        }
        if !reports.isEmpty { await recordQueueLengths(dispatcher) }
    }

    /// The queue gauges, after each pass that changed the queue (queued or delivered).
    private func recordQueueLengths(_ dispatcher: AlertDispatcher) async {
        for (receiver, length) in await dispatcher.queueLengths() where receiverNames.contains(receiver) {
            metrics.setQueueLength(receiver: receiver, length)
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
            logger.error(
                "notification not sent: its body could not be written",
                metadata: ["receiver": "\(receiver)", "error": "\(reason)"])
        }
        let now = Prober.unixTime()
        if let error = tick.storageErrors.first, now - lastStorageErrorLog >= 60 {
            lastStorageErrorLog = now
            logger.error(
                "alert queue or state not written; kept in memory and tried again every second",
                metadata: ["error": "\(error)", "errors": "\(tick.storageErrors.count)"])
        }
    }

    private func log(_ notifications: [AlertNotification]) {
        for notification in notifications {
            logger.log(
                level: notification.status == .firing ? .warning : .info,
                notification.status == .firing ? "alert firing" : "alert resolved",
                metadata: [
                    "target": "\(notification.target)", "condition": "\(notification.condition)",
                    "severity": "\(notification.level.rawValue)", "summary": "\(notification.summary)",
                ])
        }
    }

    /// Opens the storage for `receivers`: the folders (created, shown writable), the lock, the queue read back,
    /// the saved state.
    private func open(_ receivers: AlertReceivers) throws(SetupFailure) -> (AlertDispatcher, OpenedStorage) {
        let stateFile: AlertStateFile
        let lock: StorageLock
        var queue: DurableQueue
        let recovery: DurableQueue.Recovery
        do {
            try StorageDirectory.create(storagePath)
            lock = try StorageLock(directory: storagePath)
            for directory in [storagePath, storagePath + "/queue"] {
                try StorageDirectory.create(directory)
                try StorageDirectory.checkWritable(directory)
            }
            stateFile = try AlertStateFile(directory: storagePath)
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
        if recovery.dropped > 0 {
            logger.error(
                "notification queue over its bound at start: oldest dropped",
                metadata: ["dropped": "\(recovery.dropped)"])
        }
        let notifier = Notifier(queue: queue, client: client, endpoints: receivers.endpoints)
        let dispatcher = AlertDispatcher(
            receivers: receivers, snapshot: snapshot, notifier: notifier, stateFile: stateFile)
        let firing = snapshot?.engine.firingCount.values.reduce(0, +) ?? 0
        return (dispatcher, OpenedStorage(lock: lock, recovery: recovery, firing: firing))
    }
}
