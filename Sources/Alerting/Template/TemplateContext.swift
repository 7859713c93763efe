/// The values a receiver template sees, built from one group of notifications; `TemplateBody` documents each
/// name.
enum TemplateContext {
    /// The top level: the group's status, counts and summary, and every alert in the order given.
    static func make(_ notifications: [AlertNotification]) -> TemplateValue {
        let firing = notifications.filter { $0.status == .firing }.count
        return .map([
            "status": .text(firing > 0 ? "firing" : "resolved"),
            "is_firing": .bool(firing > 0),
            "is_resolved": .bool(firing == 0),
            "firing_count": .number(firing),
            "resolved_count": .number(notifications.count - firing),
            "summary": .text(ChatText.tally(notifications)),
            "alerts": .list(notifications.map(alert)),
        ])
    }

    /// One alert's values.
    static func alert(_ notification: AlertNotification) -> TemplateValue {
        let names = notification.labels.keys.sorted()
        var values: [String: TemplateValue] = [
            "status": .text(notification.status.rawValue),
            "is_firing": .bool(notification.status == .firing),
            "is_resolved": .bool(notification.status == .resolved),
            "severity": .text(notification.level.rawValue),
            "target": .text(notification.target),
            "condition": .text(notification.condition),
            "alertname": .text(notification.alertName),
            "summary": .text(notification.summary),
            "since": .text(AlertmanagerPayload.timestamp(notification.since)),
            "since_unix": .number(wholeSeconds(notification.since)),
            "labels": .list(names.map { .map(["name": .text($0), "value": .text(notification.labels[$0] ?? "")]) }),
            "label": .map(notification.labels.mapValues(TemplateValue.text)),
        ]
        if let resolvedAt = notification.resolvedAt {
            values["resolved_at"] = .text(AlertmanagerPayload.timestamp(resolvedAt))
        }
        return .map(values)
    }

    /// `seconds` rounded down to a whole number; 0 for a value no `Int` holds (never a trap).
    static func wholeSeconds(_ seconds: Double) -> Int {
        let whole = seconds.rounded(.down)
        return whole.isFinite && abs(whole) < 1e18 ? Int(whole) : 0
    }
}
