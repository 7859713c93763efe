/// Every alert of every target: feeds each probe's observations through the flap control and says what to
/// send. Pure and plain data (`states` can be saved and restored), so a restart neither fires a firing alert
/// again nor forgets to resolve it.
public struct AlertEngine: Sendable, Codable {
    /// Where each alert stands; alerts never observed are absent (inactive).
    public private(set) var states: [AlertKey: AlertState] = [:]
    /// Each target's labels as last observed, so a resolution sent after the target is gone carries the labels
    /// (and so the fingerprint) its firing notification had; kept only for targets with an alert in some state
    /// (a healthy fleet saves almost nothing).
    public private(set) var targetLabels: [String: [String: String]] = [:]
    /// How many alerts of each target have a state (not saved: rebuilt from `states`).
    private var alertsPerTarget: [String: Int] = [:]
    /// The level of the latest bad probe of each pending alert (seen bad, not firing yet), for the
    /// `imapwatch_alerts{state="pending"}` count by severity.
    public private(set) var pendingLevels: [AlertKey: AlertLevel] = [:]
    /// The summary of each firing alert's latest probe at its level, for sending it again.
    public private(set) var firingSummaries: [AlertKey: String] = [:]
    /// Counts the changes to anything saved, so the owner knows when to write the state again.
    public private(set) var revision = 0

    private enum CodingKeys: String, CodingKey {
        case states, targetLabels, pendingLevels, firingSummaries
    }

    /// An engine with no alert yet, or with `states` from an earlier run.
    public init(states: [AlertKey: AlertState] = [:]) {
        self.states = states
        for key in states.keys { alertsPerTarget[key.target, default: 0] += 1 }
    }

    /// An engine restored from its saved form (a state saved before `pendingLevels` existed has none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        states = try container.decode([AlertKey: AlertState].self, forKey: .states)
        targetLabels = try container.decodeIfPresent([String: [String: String]].self, forKey: .targetLabels) ?? [:]
        pendingLevels = try container.decodeIfPresent([AlertKey: AlertLevel].self, forKey: .pendingLevels) ?? [:]
        firingSummaries = try container.decodeIfPresent([AlertKey: String].self, forKey: .firingSummaries) ?? [:]
        for key in states.keys { alertsPerTarget[key.target, default: 0] += 1 }
    }

    /// Takes one probe's `observations` of `target` (with its `labels`) at `now` under `control`; the
    /// notifications to send, in condition order.
    public mutating func observe(
        target: String, labels: [String: String] = [:], observations: [ConditionObservation], control: FlapControl,
        now: Double
    ) -> [AlertNotification] {
        let machine = AlertStateMachine(control: control)
        var notifications: [AlertNotification] = []
        for observation in observations.sorted(by: { $0.condition < $1.condition }) {
            let key = AlertKey(target: target, condition: observation.condition)
            let previous = states[key]
            let (next, transition) = machine.observe(observation.level, at: now, in: previous ?? .initial)
            let stored: AlertState? = next == .initial ? nil : next
            if stored != previous {
                states[key] = stored
                alertsPerTarget[target, default: 0] += (stored == nil ? -1 : 0) + (previous == nil ? 1 : 0)
                revision &+= 1
            }
            let pendingLevel = next.isPending ? observation.level : nil
            if pendingLevels[key] != pendingLevel {
                pendingLevels[key] = pendingLevel
                revision &+= 1
            }
            // A probe below the firing level (a good one not enough to resolve it, a lower one not enough to step
            // down) keeps the words of the last probe at that level.
            let summary: String? =
                switch next {
                case .firing(let level, _, _, _, _):
                    observation.level >= level ? observation.summary : firingSummaries[key]
                case .inactive: nil
                }
            if firingSummaries[key] != summary {
                firingSummaries[key] = summary
                revision &+= 1
            }
            guard let transition else { continue }
            let (status, level, since): (AlertNotification.Status, AlertLevel, Double) =
                switch transition {
                case .firing(let level, let since), .repeated(let level, let since): (.firing, level, since)
                case .resolved(let level, let since): (.resolved, level, since)
                }
            var notification = AlertNotification(
                status: status, level: level, target: target, condition: observation.condition,
                summary: observation.summary, since: since, resolvedAt: status == .resolved ? now : nil,
                labels: labels)
            if case .firing(let before, _, _, _, _)? = previous, status == .firing, before != level {
                notification.replacedLevel = before
                notification.replacedAt = now
            }
            notifications.append(notification)
        }
        let keep: [String: String]? = alertsPerTarget[target, default: 0] > 0 ? labels : nil
        if alertsPerTarget[target] == 0 { alertsPerTarget[target] = nil }
        if targetLabels[target] != keep {
            targetLabels[target] = keep
            revision &+= 1
        }
        return notifications
    }

    /// Forgets every alert of targets not in `targets` (after a reload removed them); firing ones are resolved
    /// ("target removed from the configuration") so no receiver is left with an alert that will never end.
    public mutating func retain(targets: Set<String>, now: Double) -> [AlertNotification] {
        retain(now: now, keeping: { targets.contains($0.target) }, reason: { _ in "target removed from the configuration" })
    }

    /// Forgets every alert `keep` refuses (its target is gone, or its condition is no longer checked: disabled,
    /// its threshold removed, the TLS mode changed), resolving the firing ones with `reason`: an alert that will
    /// never be observed again must not stay firing.
    public mutating func retain(
        now: Double, keeping keep: (AlertKey) -> Bool, reason: (AlertKey) -> String
    ) -> [AlertNotification] {
        var notifications: [AlertNotification] = []
        for key in pendingLevels.keys where !keep(key) {
            pendingLevels[key] = nil
            revision &+= 1
        }
        for key in firingSummaries.keys where !keep(key) { firingSummaries[key] = nil }
        for key in states.keys.sorted() where !keep(key) {
            revision &+= 1
            alertsPerTarget[key.target, default: 1] -= 1
            if alertsPerTarget[key.target] == 0 { alertsPerTarget[key.target] = nil }
            if case .firing(let level, let since, _, _, _)? = states.removeValue(forKey: key) {
                notifications.append(
                    AlertNotification(
                        status: .resolved, level: level, target: key.target, condition: key.condition,
                        summary: reason(key), since: since, resolvedAt: now, labels: targetLabels[key.target] ?? [:]))
            }
        }
        for target in targetLabels.keys where alertsPerTarget[target] == nil {
            targetLabels[target] = nil
            revision &+= 1
        }
        return notifications
    }

    /// The alerts firing now, by level.
    public var firingCount: [AlertLevel: Int] {
        var counts: [AlertLevel: Int] = [:]
        for state in states.values {
            if case .firing(let level, _, _, _, _) = state { counts[level, default: 0] += 1 }
        }
        return counts
    }

    /// How many alerts have seen bad probes without firing yet.
    public var pendingCount: Int { states.values.filter(\.isPending).count }

    /// The pending alerts by the level of their latest bad probe.
    public var pendingByLevel: [AlertLevel: Int] {
        var counts: [AlertLevel: Int] = [:]
        for level in pendingLevels.values { counts[level, default: 0] += 1 }
        return counts
    }

    /// The firing alerts of `targets`' conditions, as notifications to send again (an Alertmanager forgets an
    /// alert that is not sent again within its `resolve_timeout`).
    public func firingNotifications() -> [AlertNotification] {
        states.keys.sorted().compactMap { key in
            guard case .firing(let level, let since, _, _, _)? = states[key] else { return nil }
            return AlertNotification(
                status: .firing, level: level, target: key.target, condition: key.condition,
                summary: firingSummaries[key] ?? "still firing", since: since, labels: targetLabels[key.target] ?? [:])
        }
    }
}
