/// Where one alert (one condition of one target) stands between probes; plain data, so it can be persisted.
public enum AlertState: Sendable, Hashable {
    /// Not firing; `badStreak` bad probes in a row so far (below the failure threshold: pending when above 0).
    case inactive(badStreak: Int)
    /// Firing at `level` since `since` (Unix seconds), last sent at `lastNotified`, `goodStreak` good probes in a
    /// row so far (below the success threshold), `lowerStreak` probes in a row below `level` so far (`ok` ones
    /// included; below the success threshold, or only `ok` ones since).
    case firing(level: AlertLevel, since: Double, lastNotified: Double, goodStreak: Int, lowerStreak: Int)

    /// A new alert: inactive, no bad probe yet.
    public static let initial = AlertState.inactive(badStreak: 0)

    /// Whether the alert is firing.
    public var isFiring: Bool {
        if case .firing = self { return true }
        return false
    }

    /// Whether the alert has seen bad probes but not enough to fire.
    public var isPending: Bool {
        if case .inactive(let streak) = self { return streak > 0 }
        return false
    }
}
