import Prober

/// Holds notifications per receiver for `groupWait` after the first one of a group, so alerts that fire together
/// (a server down takes every condition of every target on it) go out as one message.
///
/// A group opens with the first notification for a receiver and closes `groupWait` later; what arrives while it
/// is open joins it. A newer notification of the same alert replaces an older one in the open group (the receiver
/// needs only the latest word). Pure: time comes in with each call.
///
/// Codable, so notifications waiting in an open group survive a restart (the alert state that produced them is
/// saved with them).
public struct NotificationGrouper: Sendable, Codable {
    /// How long a group stays open.
    public private(set) var groupWait: Duration
    private var groups: [String: Group] = [:]

    private struct Group: Sendable, Codable {
        var opened: Double
        var notifications: [AlertNotification]
    }

    /// A grouper holding each group open for `groupWait` (zero sends every notification at the next `due`).
    public init(groupWait: Duration = .seconds(30)) {
        self.groupWait = max(groupWait, .zero)
    }

    /// This grouper with its open groups kept and `groupWait` changed (after a reload).
    public func reconfigured(groupWait: Duration) -> NotificationGrouper {
        var copy = self
        copy.groupWait = max(groupWait, .zero)
        return copy
    }

    /// Whether no notification waits.
    public var isEmpty: Bool { groups.isEmpty }

    /// Adds `notification` for `receiver` at `now`.
    public mutating func add(_ notification: AlertNotification, receiver: String, now: Double) {
        var group = groups[receiver] ?? Group(opened: now, notifications: [])
        group.notifications.removeAll { $0.target == notification.target && $0.condition == notification.condition }
        group.notifications.append(notification)
        groups[receiver] = group
    }

    /// The groups whose time has come at `now`, by receiver name, each in arrival order; they leave the grouper.
    public mutating func due(now: Double) -> [(receiver: String, notifications: [AlertNotification])] {
        let wait = groupWait.inSeconds
        var ready: [(receiver: String, notifications: [AlertNotification])] = []
        for receiver in groups.keys.sorted() {
            // A group opened "in the future" was opened before the clock went back: due now, not hours later.
            guard let group = groups[receiver], now - group.opened >= wait || group.opened > now else { continue }
            ready.append((receiver, group.notifications))
            groups[receiver] = nil
        }
        return ready
    }

    /// Puts back `notifications` that could not be queued (a full disk), due again at the next `due`; newer
    /// notifications of the same alerts that arrived meanwhile win.
    public mutating func putBack(_ notifications: [AlertNotification], receiver: String, now: Double) {
        var group = groups[receiver] ?? Group(opened: now, notifications: [])
        group.opened = min(group.opened, now - groupWait.inSeconds)
        let newer = Set(group.notifications.map(\.key))
        group.notifications =
            notifications.filter { !newer.contains($0.key) }
            + group.notifications
        groups[receiver] = group
    }

    /// When the next group closes (Unix seconds), for the caller's timer; `nil` when nothing waits.
    public var nextDue: Double? {
        let wait = groupWait.inSeconds
        return groups.values.map { $0.opened + wait }.min()
    }
}
