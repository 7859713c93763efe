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
    /// Which alert this is: its target and condition.
    public var key: AlertKey { AlertKey(target: target, condition: condition) }
    /// One line saying what is wrong, without secrets (`login failed: auth_failed (Authentication failed.)`).
    public var summary: String
    /// When the alert started firing, Unix seconds.
    public var since: Double
    /// When a resolved alert resolved, Unix seconds; `nil` while firing.
    public var resolvedAt: Double?
    /// The target's labels as its series carry them (`host`, `port`, `tls` and its own), never a username.
    public var labels: [String: String]
    /// When a firing alert changed level: the level it had until `replacedAt` (an Alertmanager keys alerts by
    /// their labels, `severity` among them, so the old one must be ended explicitly).
    public var replacedLevel: AlertLevel?
    /// When the level changed, Unix seconds.
    public var replacedAt: Double?

    /// A notification with these parts.
    public init(
        status: Status, level: AlertLevel, target: String, condition: String, summary: String, since: Double,
        resolvedAt: Double? = nil, labels: [String: String] = [:]
    ) {
        self.status = status
        self.level = level
        self.target = target
        self.condition = condition
        self.summary = summary
        self.since = since
        self.resolvedAt = resolvedAt
        self.labels = labels
    }

    /// `IMAP` and the condition in UpperCamelCase (`probe_failing` → `IMAPProbeFailing`), as alert names are
    /// written in Prometheus rules.
    public var alertName: String {
        "IMAP" + condition.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The labels an Alertmanager sees: the target's, then `alertname`, `severity`, `target` and `condition`
    /// (which win over target labels of those names).
    public var alertLabels: [String: String] {
        labels.merging(
            ["alertname": alertName, "severity": level.rawValue, "target": target, "condition": condition]
        ) { _, ours in ours }
    }
}
