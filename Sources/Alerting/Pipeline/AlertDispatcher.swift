import Config
import Prober

/// The daemon's alerting: each finished probe goes through the conditions and the flap control, the
/// notifications are routed to receivers and grouped; `queueDue(now:)` writes the due groups to the durable
/// queue and `deliver(now:)` makes one delivery pass.
///
/// The alert state and the open groups are saved together under the storage path at each `queueDue` when
/// anything changed, once however many probes finished (an outage of thousands of targets is one write, not
/// thousands), so a restart neither fires a firing alert again nor forgets to resolve it. A crash before the
/// save loses the state and the notifications of that last second together: the alert fires again from the
/// saved state at the next probes. A notification is queued before the state is saved without it: a crash in
/// between sends it twice rather than never. A group that cannot be queued (a full disk) stays for the next try.
///
/// A resolution or a level change goes to every receiver that was told the alert fired, as well as to those
/// its routes choose now, so a page is always followed by its resolution.
public actor AlertDispatcher {
    private var receivers: AlertReceivers
    private var engine: AlertEngine
    private var grouper: NotificationGrouper
    private var lastResent: [String: Double]
    private var sentTo: [AlertKey: Set<String>]
    private let notifier: Notifier
    private let stateFile: AlertStateFile
    private var savedRevision: Int
    private var groupsChanged = false
    /// Dropped by a reload that lowered the queue's bound, reported with the next pass.
    private var droppedAtReload: [String: Int] = [:]

    /// How often firing alerts are sent again to an Alertmanager (its `resolve_timeout` defaults to 5 min).
    public static let resendInterval = 60.0

    /// The most alerts in one webhook, Alertmanager or template message (a server outage can fire thousands at
    /// once; several messages of this size arrive where one huge body might be refused).
    public static let maximumAlertsPerMessage = 500

    /// A dispatcher over `receivers`, restoring `snapshot` (the state file's contents), delivering through
    /// `notifier` (whose queue is already recovered), saving to `stateFile`. Call `reconfigure` with the targets
    /// before the first probe, so alerts of targets or conditions dropped while the agent was down resolve.
    public init(
        receivers: AlertReceivers, snapshot: AlertSnapshot?, notifier: Notifier, stateFile: AlertStateFile
    ) {
        self.receivers = receivers
        self.engine = snapshot?.engine ?? AlertEngine()
        self.grouper = (snapshot?.grouper ?? NotificationGrouper()).reconfigured(
            groupWait: receivers.configuration.groupWait)
        self.lastResent = snapshot?.lastResent ?? [:]
        self.sentTo = snapshot?.sentTo ?? [:]
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

    /// Takes the receivers and targets of a (re)loaded configuration: alerts of targets no longer configured, and
    /// of conditions no longer checked for their target, resolve.
    public func reconfigure(receivers: AlertReceivers, targets: [TargetConfiguration], now: Double) async
        -> [AlertNotification]
    {
        self.receivers = receivers
        grouper = grouper.reconfigured(groupWait: receivers.configuration.groupWait)
        await notifier.update(endpoints: receivers.endpoints)
        for (receiver, count) in await notifier.setQueueCapacity(receivers.configuration.queueCapacity) {
            droppedAtReload[receiver, default: 0] += count
        }
        let names = Set(receivers.endpoints.map(\.name))
        sentTo = sentTo.mapValues { $0.intersection(names) }
        lastResent = lastResent.filter { names.contains($0.key) }
        let byName = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        let resolved = engine.retain(
            now: now,
            keeping: { key in byName[key.target].map { AlertConditions.isChecked(key.condition, for: $0) } ?? false },
            reason: { key in
                byName[key.target] == nil
                    ? "target removed from the configuration" : "condition no longer checked for this target"
            })
        route(resolved, now: now)
        groupsChanged = true
        return resolved
    }

    /// What one pass did.
    public struct Tick: Sendable {
        /// Groups that could not be written (a template failed), by receiver, with the reason; not sent.
        public var formatFailures: [(receiver: String, reason: String)] = []
        /// Notifications queued, by receiver.
        public var queued: [String: Int] = [:]
        /// Old notifications the queue's bound dropped (to make room, or at a reload that lowered it), by their
        /// receiver.
        public var dropped: [String: Int] = [:]
        /// Why the queue or the state file could not be written (kept for the next pass), if it could not.
        public var storageErrors: [String] = []
        /// Every delivery attempt made.
        public var deliveries: [DeliveryReport] = []
    }

    /// Saves the state now (at shutdown).
    public func saveState() throws {
        try save()
    }

    /// Queues the groups due at `now` and the firing alerts an Alertmanager needs again, and saves what changed.
    /// Storage errors are reported, not thrown: what could not be queued waits for the next pass.
    public func queueDue(now: Double) async -> Tick {
        var tick = Tick()
        tick.dropped = droppedAtReload
        droppedAtReload = [:]
        for (receiver, group) in grouper.due(now: now) {
            groupsChanged = true
            let queued = await enqueue(group, to: receiver, now: now, into: &tick)
            if queued < group.count {
                grouper.putBack(Array(group[queued...]), receiver: receiver, now: now)
            } else if receivers.resendingReceivers.contains(receiver) {
                // A message just queued restarts the re-send clock: the Alertmanager hears of these alerts now.
                lastResent[receiver] = now
            }
        }
        await resendFiring(now: now, into: &tick)
        if groupsChanged || engine.revision != savedRevision {
            do {
                try save()
            } catch {
                tick.storageErrors.append("cannot save the alert state: \(error)")
            }
        }
        return tick
    }

    /// One delivery pass at `now`.
    public func deliver(now: Double) async -> [DeliveryReport] {
        await notifier.deliverDue(now: now)
    }

    /// `queueDue` then `deliver`, as one pass.
    public func tick(now: Double) async -> Tick {
        var tick = await queueDue(now: now)
        tick.deliveries = await deliver(now: now)
        return tick
    }

    /// Alerts by state (`firing`, `pending`) and severity, for `imapwatch_alerts`.
    public var alertCounts: [String: [AlertLevel: Int]] {
        ["firing": engine.firingCount, "pending": engine.pendingByLevel]
    }

    /// Notifications waiting for delivery, by configured receiver (zero included; a receiver a reload removed
    /// is not listed while its last notifications are rejected).
    public func queueLengths() async -> [String: Int] {
        let waiting = await notifier.pendingByReceiver
        var lengths: [String: Int] = [:]
        for receiver in receivers.configuration.receivers { lengths[receiver.name] = waiting[receiver.name] ?? 0 }
        return lengths
    }

    /// Routes each notification: to the receivers its routes choose, and a resolution or level change also to
    /// every receiver told that the alert fired.
    private func route(_ notifications: [AlertNotification], now: Double) {
        guard !notifications.isEmpty else { return }
        for notification in notifications {
            let key = notification.key
            let told = sentTo[key] ?? []
            var names = Set(
                receivers.configuration.receivers(severity: notification.level.rawValue, labels: notification.alertLabels))
            if notification.status == .resolved || notification.replacedLevel != nil { names.formUnion(told) }
            for name in names.sorted() { grouper.add(notification, receiver: name, now: now) }
            sentTo[key] = notification.status == .resolved ? nil : told.union(names)
        }
        groupsChanged = true
    }

    /// Writes `group` for `receiver` to the queue; how many of its notifications were queued (or given up on: a
    /// body that cannot be written, a receiver a reload removed). Fewer than all means the queue refused one.
    private func enqueue(
        _ group: [AlertNotification], to receiver: String, now: Double, into tick: inout Tick
    ) async -> Int {
        guard let format = receivers.formats[receiver] else { return group.count }  // removed by a reload
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
            do {
                let dropped = try await notifier.enqueue(receiver: receiver, body: body, now: now)
                tick.queued[receiver, default: 0] += 1
                tick.dropped.merge(dropped, uniquingKeysWith: +)
            } catch {
                tick.storageErrors.append("cannot queue a notification for \(receiver): \(error)")
                return start
            }
        }
        return group.count
    }

    /// Every `resendInterval`, an Alertmanager receiver with nothing waiting is sent the firing alerts it was
    /// told of again (with their latest summaries), so its `resolve_timeout` never ends an alert that still fires.
    private func resendFiring(now: Double, into tick: inout Tick) async {
        let resending = receivers.resendingReceivers
        guard !resending.isEmpty else { return }
        let waiting = await notifier.pendingByReceiver
        let firing = engine.firingNotifications()
        for receiver in resending {
            // A time after now was set before the clock went back: start over from now.
            let last = lastResent[receiver].map { $0 > now ? 0 : $0 } ?? 0
            guard now - last >= Self.resendInterval, waiting[receiver, default: 0] == 0 else { continue }
            let told = firing.filter {
                sentTo[$0.key]?.contains(receiver) == true
            }
            if !told.isEmpty, await enqueue(told, to: receiver, now: now, into: &tick) < told.count { continue }
            lastResent[receiver] = now
            groupsChanged = true
        }
    }

    private func save() throws {
        try stateFile.save(
            AlertSnapshot(engine: engine, grouper: grouper, lastResent: lastResent, sentTo: sentTo))
        savedRevision = engine.revision
        groupsChanged = false
    }

    /// The labels a target's alerts carry: `host`, `port`, `tls` and its own, as its series have them.
    static func labels(of target: TargetConfiguration) -> [String: String] {
        var labels = [
            "host": target.settings.host.text, "port": String(target.settings.port), "tls": target.settings.tlsMode.rawValue,
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
