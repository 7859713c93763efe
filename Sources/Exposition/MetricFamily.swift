/// One Prometheus metric family: its name, help text, type and the label names of its own.
///
/// Every family imapwatch exports is a static constant of `MetricCatalog`; swift-prometheus stops the process on a
/// type or help-text clash for one name, so no family is spelled anywhere else.
public struct MetricFamily: Sendable, Hashable {
    /// The metric's type as the exposition format names it.
    public enum Kind: Sendable, Hashable {
        /// A value that goes up and down (or a `_info` series with value 1).
        case gauge
        /// A monotonic count; the name ends in `_total`.
        case counter
        /// A histogram of durations in seconds with these upper bounds.
        case histogram(buckets: [Duration])
    }

    /// The full metric name.
    public let name: String
    /// The `# HELP` text.
    public let help: String
    /// The metric's type.
    public let kind: Kind
    /// The label names this family adds after the target's labels (`phase`, `root`, ...), in export order.
    public let labelNames: [String]
    /// Whether the family has the per-target labels (`target`, `host`, `port`, `tls` and the target's own).
    public let isPerTarget: Bool

    init(_ name: String, _ kind: Kind, perTarget: Bool, labels: [String] = [], help: String) {
        self.name = name
        self.help = help
        self.kind = kind
        self.labelNames = labels
        self.isPerTarget = perTarget
    }
}
