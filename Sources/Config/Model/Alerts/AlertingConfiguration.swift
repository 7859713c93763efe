/// The file's `alerts:` section: where notifications go and how they are grouped. Absent, the daemon evaluates
/// no alert and sends nothing.
public struct AlertingConfiguration: Sendable, Hashable {
    /// How long the first notification for a receiver waits for others to go out in the same message.
    public var groupWait: Duration
    /// The most notifications kept on disk per agent; the oldest are dropped (and counted) beyond it.
    public var queueCapacity: Int
    /// Every receiver, in file order, names unique.
    public var receivers: [ReceiverConfiguration]
    /// Which notifications each receiver gets; empty sends every notification to every receiver.
    public var routes: [AlertRoute]

    /// The built-in group wait.
    public static let defaultGroupWait = Duration.seconds(30)
    /// The built-in queue bound.
    public static let defaultQueueCapacity = 10_000

    /// An `alerts:` section.
    public init(
        groupWait: Duration = defaultGroupWait, queueCapacity: Int = defaultQueueCapacity,
        receivers: [ReceiverConfiguration], routes: [AlertRoute] = []
    ) {
        self.groupWait = groupWait
        self.queueCapacity = queueCapacity
        self.receivers = receivers
        self.routes = routes
    }

    /// The receiver called `name`.
    public func receiver(named name: String) -> ReceiverConfiguration? {
        receivers.first { $0.name == name }
    }

    /// The receivers a notification of `severity` about a target with `labels` goes to, in file order, each
    /// once: those of every route that matches, or every receiver when there is no route.
    public func receivers(severity: String, labels: [String: String]) -> [String] {
        guard !routes.isEmpty else { return receivers.map(\.name) }
        var chosen: [String] = []
        for route in routes where route.matches(severity: severity, labels: labels) {
            if !chosen.contains(route.receiver) { chosen.append(route.receiver) }
        }
        return chosen
    }
}
