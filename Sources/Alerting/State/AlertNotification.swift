/// One alert as a receiver is told about it: firing or resolved, how bad, which target and condition, and why.
public struct AlertNotification: Sendable, Hashable, Codable {
    /// Whether the alert fires (or fires again) or has resolved.
    public enum Status: String, Sendable, Hashable, Codable {
        case firing
        case resolved
    }

    /// Firing or resolved.
    public var status: Status
    /// The level it fires at (for a resolved alert: the level it had).
    public var level: AlertLevel
    /// The target's name.
    public var target: String
    /// The condition's name (`probe_failing`, `certificate_expiring`, ...).
    public var condition: String
    /// One line saying what is wrong, without secrets (`login failed: auth_failed (Authentication failed.)`).
    public var summary: String
    /// When the alert started firing, Unix seconds.
    public var since: Double

    /// A notification with these parts.
    public init(status: Status, level: AlertLevel, target: String, condition: String, summary: String, since: Double) {
        self.status = status
        self.level = level
        self.target = target
        self.condition = condition
        self.summary = summary
        self.since = since
    }
}
