/// Every alert of every target: feeds each probe's observations through the flap control and says what to
/// send. Pure and plain data (`states` can be saved and restored), so a restart neither fires a firing alert
/// again nor forgets to resolve it.
public struct AlertEngine: Sendable, Codable {
    /// Where each alert stands; alerts never observed are absent (inactive).
    public private(set) var states: [AlertKey: AlertState] = [:]
    /// Each target's labels as last observed, so a resolution sent after the target is gone carries the labels
    /// (and so the fingerprint) its firing notification had.
    public private(set) var targetLabels: [String: [String: String]] = [:]

    /// An engine with no alert yet, or with `states` from an earlier run.
    public init(states: [AlertKey: AlertState] = [:]) {
        self.states = states
    }

    /// Takes one probe's `observations` of `target` (with its `labels`) at `now` under `control`; the
    /// notifications to send, in condition order.
    public mutating func observe(
        target: String, labels: [String: String] = [:], observations: [ConditionObservation], control: FlapControl,
        now: Double
    ) -> [AlertNotification] {
        let machine = AlertStateMachine(control: control)
        targetLabels[target] = labels
        var notifications: [AlertNotification] = []
        for observation in observations.sorted(by: { $0.condition < $1.condition }) {
            let key = AlertKey(target: target, condition: observation.condition)
            let (next, transition) = machine.observe(observation.level, at: now, in: states[key] ?? .initial)
            states[key] = next == .initial ? nil : next
            guard let transition else { continue }
            let (status, level, since): (AlertNotification.Status, AlertLevel, Double) =
                switch transition {
                case .firing(let level, let since), .repeated(let level, let since): (.firing, level, since)
                case .resolved(let level, let since): (.resolved, level, since)
                }
            notifications.append(
                AlertNotification(
                    status: status, level: level, target: target, condition: observation.condition,
                    summary: observation.summary, since: since, resolvedAt: status == .resolved ? now : nil,
                    labels: labels))
        }
        return notifications
    }

    /// Forgets every alert of targets not in `targets` (after a reload removed them); firing ones are resolved
    /// ("target removed from the configuration") so no receiver is left with an alert that will never end.
    public mutating func retain(targets: Set<String>, now: Double) -> [AlertNotification] {
        var notifications: [AlertNotification] = []
        for key in states.keys.sorted() where !targets.contains(key.target) {
            if case .firing(let level, let since, _, _)? = states.removeValue(forKey: key) {
                notifications.append(
                    AlertNotification(
                        status: .resolved, level: level, target: key.target, condition: key.condition,
                        summary: "target removed from the configuration", since: since, resolvedAt: now,
                        labels: targetLabels[key.target] ?? [:]))
            }
        }
        for target in targetLabels.keys where !targets.contains(target) { targetLabels[target] = nil }
        return notifications
    }

    /// The alerts firing now, by level.
    public var firingCount: [AlertLevel: Int] {
        var counts: [AlertLevel: Int] = [:]
        for state in states.values {
            if case .firing(let level, _, _, _) = state { counts[level, default: 0] += 1 }
        }
        return counts
    }

    /// How many alerts have seen bad probes without firing yet.
    public var pendingCount: Int { states.values.filter(\.isPending).count }
}
