/// The keys of the `alerts:` section and of `alerting:`, in the order the example file documents them.
enum AlertKeys {
    /// The keys of `alerts:`.
    static let alerts = ["group_wait", "queue_capacity", "receivers", "routes"]

    /// The keys of one receiver. `url` is not among them: it is refused with its own message.
    static let receiver = [
        "name", "type", "url_file", "url_env", "timeout", "connect_timeout", "headers", "topic", "template_file",
        "content_type",
    ]

    /// The receiver keys that only one type takes.
    static let typeOnly: [String: ReceiverConfiguration.Kind] = [
        "topic": .ntfy, "template_file": .template, "content_type": .template,
    ]

    /// The keys of a header value given by reference.
    static let headerValue = ["file", "env"]

    /// The keys of one route.
    static let route = ["receiver", "severity", "match"]

    /// The keys of `alerting:` (in defaults, a module or a target).
    static let policy = [
        "failure_threshold", "success_threshold", "send_resolved", "repeat_interval", "tls_version_min", "disable",
    ]

    /// Whether `section` (as messages name it) is part of `alerts:` or `alerting:`, where `timeout` and `name`
    /// are a receiver's rather than a module's or a target's.
    static func isAlertSection(_ section: String) -> Bool {
        ["alerts", "alerting", "receiver", "a receiver", "route", "headers"].contains { section.hasPrefix($0) }
    }

    /// Where an alert key that is known but misplaced belongs, for the hint.
    static func home(of key: String) -> String? {
        switch key {
        case "alerts": "the top level"
        case "alerting": "defaults, a module or a target"
        case "url": "a receiver, as url_file or url_env"
        case _ where alerts.contains(key): "alerts"
        case _ where policy.contains(key): "the alerting: mapping of defaults, a module or a target"
        case _ where receiver.contains(key): "a receiver"
        case _ where route.contains(key): "a route"
        default: nil
        }
    }
}
