extension NodeReader {
    /// Reads `alerts.routes:`; each route with where it names its receiver, to check that name once the receivers
    /// are known.
    mutating func readRoutes(_ node: YAMLNode) -> [(route: AlertRoute, receiverLocation: SourceLocation)] {
        guard let items = items(node, key: "alerts.routes") else { return [] }
        return items.compactMap { readRoute($0) }
    }

    private mutating func readRoute(_ node: YAMLNode) -> (route: AlertRoute, receiverLocation: SourceLocation)? {
        guard let entries = entries(node, key: "a route") else { return nil }
        var receiver: (name: String, location: SourceLocation)?
        var route = AlertRoute(receiver: "")
        for (key, keyNode, value) in entries {
            switch key {
            case "receiver": receiver = nonEmptyString(value, key: key).map { ($0, location(value)) }
            case "severity": route.severities = severities(value)
            case "match": route.match = readMatch(value)
            default: reportUnknown(key, at: keyNode, section: "route", known: AlertKeys.route)
            }
        }
        if !entries.contains(where: { $0.name == "receiver" }) {
            report(.missingKey(key: "receiver", section: "a route"), at: node)
        }
        guard let receiver else { return nil }
        route.receiver = receiver.name
        return (route, receiver.location)
    }

    /// `warning`, `critical`, or a list of them.
    private mutating func severities(_ node: YAMLNode) -> Set<String> {
        var severities: Set<String> = []
        for (text, item) in stringOrList(node, key: "severity") {
            guard AlertRoute.severityNames.contains(text) else {
                reportInvalidChoice(text, key: "severity", allowed: AlertRoute.severityNames, at: item)
                continue
            }
            severities.insert(text)
        }
        return severities
    }

    /// Label name → a value or a list of values.
    private mutating func readMatch(_ node: YAMLNode) -> [String: Set<String>] {
        guard let entries = entries(node, key: "match", nullIsEmpty: true) else { return [:] }
        var match: [String: Set<String>] = [:]
        for (label, keyNode, value) in entries {
            guard TargetLabel.isValidName(label) else {
                report(.invalidLabelName(name: label), at: keyNode)
                continue
            }
            match[label] = Set(stringOrList(value, key: "match.\(label)").map(\.text))
        }
        return match
    }

    /// A non-empty string, or a non-empty sequence of them, each with its node; what is wrong is reported.
    private mutating func stringOrList(_ node: YAMLNode, key: String) -> [(text: String, node: YAMLNode)] {
        switch node {
        case .sequence(let sequence):
            if sequence.isEmpty { report(.emptyValue(key: key), at: node) }
            return sequence.compactMap { item in nonEmptyString(item, key: key).map { ($0, item) } }
        case .mapping:
            let problem = ConfigProblem.wrongType(
                key: key, expected: "a string or a sequence of strings", found: Self.describe(node))
            report(problem, at: node)
            return []
        case .scalar:
            return nonEmptyString(node, key: key).map { [($0, node)] } ?? []
        }
    }
}
