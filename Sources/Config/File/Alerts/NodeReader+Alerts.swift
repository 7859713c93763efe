extension NodeReader {
    /// Reads the `alerts:` section at `keyNode`'s value; every problem is recorded in `log`, a receiver that no
    /// route names as a warning.
    mutating func readAlerts(_ node: YAMLNode, key keyNode: YAMLNode) -> AlertingConfiguration {
        var alerting = AlertingConfiguration(receivers: [])
        guard let entries = entries(node, key: "alerts", nullIsEmpty: true) else { return alerting }
        var receivers: [ReadReceiver] = []
        var routes: [(route: AlertRoute, receiverLocation: SourceLocation)] = []
        for (name, entryKey, value) in entries {
            switch name {
            case "group_wait":
                if let wait = duration(value, key: "alerts.group_wait") { alerting.groupWait = wait }
            case "queue_capacity":
                if let capacity = positiveInt(value, key: "alerts.queue_capacity") { alerting.queueCapacity = capacity }
            case "receivers":
                receivers = readReceivers(value)
            case "routes":
                routes = readRoutes(value)
            default:
                reportUnknown(name, at: entryKey, section: "alerts", known: AlertKeys.alerts)
            }
        }
        if !entries.contains(where: { $0.name == "receivers" }) {
            report(.missingKey(key: "receivers", section: "alerts"), at: keyNode)
        }
        checkRoutes(routes, against: receivers)
        alerting.receivers = receivers.compactMap(\.receiver)
        alerting.routes = routes.map(\.route)
        return alerting
    }

    /// The items of `alerts.receivers:`, at least one, names unique (a repeat names the first one's line).
    private mutating func readReceivers(_ node: YAMLNode) -> [ReadReceiver] {
        guard let items = items(node, key: "alerts.receivers") else { return [] }
        if items.isEmpty { report(.emptyValue(key: "alerts.receivers"), at: node) }
        var receivers: [ReadReceiver] = []
        var firstLines: [String: Int] = [:]
        for item in items {
            guard let receiver = readReceiver(item) else { continue }
            if let firstLine = firstLines[receiver.name] {
                log.add(.duplicateReceiver(name: receiver.name, firstLine: firstLine), at: receiver.nameLocation)
                continue
            }
            firstLines[receiver.name] = receiver.nameLocation.line
            receivers.append(receiver)
        }
        return receivers
    }

    /// Every route must name a receiver; with routes, a receiver none names is a warning (it would get nothing).
    private mutating func checkRoutes(
        _ routes: [(route: AlertRoute, receiverLocation: SourceLocation)], against receivers: [ReadReceiver]
    ) {
        let names = receivers.map(\.name)
        for (route, location) in routes where !names.contains(route.receiver) {
            let suggestion = Suggestion.closest(to: route.receiver, in: names)
            log.add(.unknownReceiver(name: route.receiver, suggestion: suggestion, known: names), at: location)
        }
        guard !routes.isEmpty else { return }
        for receiver in receivers where !routes.contains(where: { $0.route.receiver == receiver.name }) {
            log.add(.unroutedReceiver(name: receiver.name), at: receiver.nameLocation)
        }
    }
}
