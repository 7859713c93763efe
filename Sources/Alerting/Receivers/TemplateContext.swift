/// The values a receiver template sees, built from one group of notifications; `TemplateBody` documents each
/// name. Plain dictionaries and arrays, as swift-mustache looks names up in them.
enum TemplateContext {
    /// The top level: the group's status, counts and summary, and every alert in the order given.
    static func make(_ notifications: [AlertNotification]) -> [String: Any] {
        let firing = notifications.filter { $0.status == .firing }.count
        return [
            "status": firing > 0 ? "firing" : "resolved",
            "is_firing": firing > 0,
            "is_resolved": firing == 0,
            "firing_count": firing,
            "resolved_count": notifications.count - firing,
            "summary": ChatText.tally(notifications),
            "alerts": notifications.map(alert),
        ]
    }

    /// One alert's values.
    static func alert(_ notification: AlertNotification) -> [String: Any] {
        let names = notification.labels.keys.sorted()
        var values: [String: Any] = [
            "status": notification.status.rawValue,
            "is_firing": notification.status == .firing,
            "is_resolved": notification.status == .resolved,
            "severity": notification.level.rawValue,
            "target": notification.target,
            "condition": notification.condition,
            "alertname": notification.alertName,
            "summary": notification.summary,
            "since": AlertmanagerPayload.timestamp(notification.since),
            "since_unix": wholeSeconds(notification.since),
            "labels": names.map { ["name": $0, "value": notification.labels[$0] ?? ""] },
            "label": notification.labels,
        ]
        if let resolvedAt = notification.resolvedAt {
            values["resolved_at"] = AlertmanagerPayload.timestamp(resolvedAt)
        }
        return values
    }

    /// `seconds` rounded down to a whole number; 0 for a value no `Int` holds (never a trap).
    static func wholeSeconds(_ seconds: Double) -> Int {
        let whole = seconds.rounded(.down)
        return whole.isFinite && abs(whole) < 1e18 ? Int(whole) : 0
    }
}
