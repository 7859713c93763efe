import Config
import Prober

/// The daemon's alerting: each finished probe goes through the conditions and the flap control, the
/// notifications are routed to receivers and grouped, and `tick(now:)` writes the due groups to the durable
/// queue and makes one delivery pass.
///
/// The alert state and the open groups are saved together under the storage path at each tick when anything
/// changed, once per tick however many probes finished (an outage of thousands of targets is one write, not
/// thousands), so a restart neither fires a firing alert again nor forgets to resolve it. A crash before the
/// save loses the state and the notifications of that last second together: the alert fires again from the
/// saved state at the next probes. A notification is queued before the state is saved without it: a crash in
/// between sends it twice rather than never.
public actor AlertDispatcher {
    private var receivers: AlertReceivers
    private var engine: AlertEngine
    private var grouper: NotificationGrouper
    private var lastResent: [String: Double]
    private let notifier: Notifier
    private let stateFile: AlertStateFile
    private var savedRevision: Int
    private var groupsChanged = false

    /// How often firing alerts are sent again to an Alertmanager (its `resolve_timeout` defaults to 5 min).
    public static let resendInterval = 60.0

    /// A dispatcher over `receivers`, restoring `snapshot` (the state file's contents), delivering through
    /// `notifier` (whose queue is already recovered), saving to `stateFile`.
    public init(
        receivers: AlertReceivers, snapshot: AlertSnapshot?, notifier: Notifier, stateFile: AlertStateFile
    ) {
        self.receivers = receivers
        self.engine = snapshot?.engine ?? AlertEngine()
        self.grouper = (snapshot?.grouper ?? NotificationGrouper()).reconfigured(
            groupWait: receivers.configuration.groupWait)
        self.lastResent = snapshot?.lastResent ?? [:]
        self.notifier = notifier
        self.stateFile = stateFile
        self.savedRevision = engine.revision
    }

    /// Takes one finished probe of `target` at `now`; the notifications it produced (already routed and grouped).
    @discardableResult
    public func observe(_ result: ProbeResult, of target: TargetConfiguration, now: Double) -> [AlertNotification] {
        let policy = target.alertPolicy
        let observations = AlertConditions.observe(
            result, thresholds: HealthThresholds(target.thresholds),
            security: SecurityExpectations(minimumTLSVersion: policy.minimumTLSVersion?.rawValue),
            now: now
        ).filter { !policy.disabledConditions.contains($0.condition) }
        let notifications = engine.observe(
            target: target.name, labels: Self.labels(of: target), observations: observations,
            control: FlapControl(policy), now: now)
        route(notifications, now: now)
        return notifications
    }

    /// Resolves the alerts of targets no longer configured (after a reload) and takes the new receivers.
    public func reconfigure(receivers: AlertReceivers, targets: [TargetConfiguration], now: Double) async {
        self.receivers = receivers
        grouper = grouper.reconfigured(groupWait: receivers.configuration.groupWait)
        await notifier.update(endpoints: receivers.endpoints)
        let resolved = engine.retain(targets: Set(targets.map(\.name)), now: now)
        route(resolved, now: now)
    }

    /// What one tick did.
    public struct Tick: Sendable {
        /// Groups that could not be written (a template failed), by receiver, with the reason; not sent.
        public var formatFailures: [(receiver: String, reason: String)] = []
        /// Notifications queued in this tick, by receiver.
        public var queued: [String: Int] = [:]
        /// Old notifications the queue's bound dropped, by receiver of the new one.
        public var dropped: [String: Int] = [:]
        /// Every delivery attempt made.
        public var deliveries: [DeliveryReport] = []
    }

    /// Saves the state now (at shutdown).
    public func saveState() throws {
        try save()
    }

    /// Queues the groups due at `now`, the firing alerts an Alertmanager needs again, saves what changed, and
    /// makes one delivery pass.
    public func tick(now: Double) async throws -> Tick {
        var tick = Tick()
        for (receiver, group) in grouper.due(now: now) {
            groupsChanged = true
            try await enqueue(group, to: receiver, now: now, into: &tick)
            // A message just queued restarts the re-send clock: the Alertmanager hears of these alerts now.
            if receivers.resendingReceivers.contains(receiver) { lastResent[receiver] = now }
        }
        try await resendFiring(now: now, into: &tick)
        if groupsChanged || engine.revision != savedRevision { try save() }
        tick.deliveries = await notifier.deliverDue(now: now)
        return tick
    }

    /// Alerts by state (`firing`, `pending`) and severity, for `imapwatch_alerts`.
    public var alertCounts: [String: [AlertLevel: Int]] {
        ["firing": engine.firingCount, "pending": engine.pendingByLevel]
    }

    /// Notifications waiting for delivery, by receiver (every configured receiver, zero included).
    public func queueLengths() async -> [String: Int] {
        var lengths = await notifier.pendingByReceiver
        for receiver in receivers.configuration.receivers where lengths[receiver.name] == nil {
            lengths[receiver.name] = 0
        }
        return lengths
    }

    /// When the next group closes, for the caller's timer.
    public var nextGroupDue: Double? { grouper.nextDue }

    private func route(_ notifications: [AlertNotification], now: Double) {
        guard !notifications.isEmpty else { return }
        for notification in notifications {
            let names = receivers.configuration.receivers(
                severity: notification.level.rawValue, labels: notification.alertLabels)
            for name in names { grouper.add(notification, receiver: name, now: now) }
        }
        groupsChanged = true
    }

    private func enqueue(
        _ group: [AlertNotification], to receiver: String, now: Double, into tick: inout Tick
    ) async throws {
        guard let format = receivers.formats[receiver] else { return }  // removed by a reload
        // A machine receiver gets every alert, in messages of at most `maximumAlertsPerMessage`; a chat message
        // is one, cut to the service's length with "… N more".
        let size = format.isForPeople ? max(group.count, 1) : Self.maximumAlertsPerMessage
        for start in stride(from: 0, to: group.count, by: size) {
            let chunk = Array(group[start..<min(start + size, group.count)])
            let body: [UInt8]
            do {
                body = try format.body(for: chunk)
            } catch {
                tick.formatFailures.append((receiver, "\(error)"))
                continue
            }
            let dropped = try await notifier.enqueue(receiver: receiver, body: body, now: now)
            tick.queued[receiver, default: 0] += 1
            if dropped > 0 { tick.dropped[receiver, default: 0] += dropped }
        }
    }

    /// The most alerts in one webhook, Alertmanager or template message (a server outage can fire thousands at
    /// once; several messages of this size arrive where one huge body might be refused).
    public static let maximumAlertsPerMessage = 500

    /// Every `resendInterval`, an Alertmanager receiver with nothing waiting is sent the firing alerts routed to
    /// it again (with their latest summaries), so its `resolve_timeout` never ends an alert that still fires.
    private func resendFiring(now: Double, into tick: inout Tick) async throws {
        let resending = receivers.resendingReceivers
        guard !resending.isEmpty else { return }
        let waiting = await notifier.pendingByReceiver
        let firing = engine.firingNotifications()
        for receiver in resending where now - (lastResent[receiver] ?? 0) >= Self.resendInterval {
            guard waiting[receiver, default: 0] == 0 else { continue }
            lastResent[receiver] = now
            groupsChanged = true
            let routed = firing.filter { notification in
                receivers.configuration.receivers(severity: notification.level.rawValue, labels: notification.alertLabels)
                    .contains(receiver)
            }
            guard !routed.isEmpty else { continue }
            try await enqueue(routed, to: receiver, now: now, into: &tick)
        }
    }

    private func save() throws {
        try stateFile.save(AlertSnapshot(engine: engine, grouper: grouper, lastResent: lastResent))
        savedRevision = engine.revision
        groupsChanged = false
    }

    /// The labels a target's alerts carry: `host`, `port`, `tls` and its own, as its series have them.
    static func labels(of target: TargetConfiguration) -> [String: String] {
        var labels = [
            "host": target.settings.host, "port": String(target.settings.port), "tls": target.settings.tlsMode.rawValue,
        ]
        for label in target.labels { labels[label.name] = label.value }
        return labels
    }
}

extension FlapControl {
    /// The flap control a target's alert policy sets.
    init(_ policy: AlertPolicy) {
        self.init(
            failureThreshold: policy.failureThreshold, successThreshold: policy.successThreshold,
            sendResolved: policy.sendResolved, repeatInterval: policy.repeatInterval)
    }
}
