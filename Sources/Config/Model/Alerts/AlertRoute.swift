/// One entry of `alerts.routes:`: the notifications one receiver gets, by severity and by label.
///
/// Every route that matches a notification sends it (there is no first-match-wins); a receiver named by several
/// matching routes gets it once.
public struct AlertRoute: Sendable, Hashable {
    /// The receiver's name.
    public var receiver: String
    /// The severities (`warning`, `critical`) this route takes; empty takes both.
    public var severities: Set<String>
    /// Label name → accepted values; every listed label must have one of its values. The labels are the
    /// target's (`host`, `port`, `tls`, its own) plus `target` and `condition`.
    public var match: [String: Set<String>]

    /// The severities a route can name.
    public static let severityNames = ["warning", "critical"]

    /// A route to `receiver`.
    public init(receiver: String, severities: Set<String> = [], match: [String: Set<String>] = [:]) {
        self.receiver = receiver
        self.severities = severities
        self.match = match
    }

    /// Whether a notification of `severity` with `labels` takes this route.
    public func matches(severity: String, labels: [String: String]) -> Bool {
        guard severities.isEmpty || severities.contains(severity) else { return false }
        return match.allSatisfy { name, values in labels[name].map(values.contains) ?? false }
    }
}
