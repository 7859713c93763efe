extension NodeReader {
    /// Reads an `alerting:` mapping (defaults, a module or a target) into `layer`, with an origin for every value.
    mutating func readAlertPolicy(_ node: YAMLNode, level: ProbeLayer.Level, into layer: inout ProbeLayer) {
        guard let entries = entries(node, key: "alerting", nullIsEmpty: true) else { return }
        for (name, keyNode, value) in entries {
            let path = "alerting.\(name)"
            let found: Bool
            switch name {
            case "failure_threshold":
                found = set(positiveInt(value, key: path), \.alerting.failureThreshold, &layer)
            case "success_threshold":
                found = set(positiveInt(value, key: path), \.alerting.successThreshold, &layer)
            case "send_resolved": found = set(bool(value, key: path), \.alerting.sendResolved, &layer)
            case "repeat_interval": found = set(duration(value, key: path), \.alerting.repeatInterval, &layer)
            case "tls_version_min": found = set(tlsVersionOrNone(value, key: path), \.alerting.minimumTLSVersion, &layer)
            case "disable": found = set(conditionNames(value, key: path), \.alerting.disabledConditions, &layer)
            default:
                reportUnknown(name, at: keyNode, section: "alerting", known: AlertKeys.policy)
                continue
            }
            if found { layer.origins[path] = ProbeLayer.Origin(location: location(value), level: level) }
        }
    }

    /// An integer of at least 1, or `nil` after reporting.
    mutating func positiveInt(_ node: YAMLNode, key: String) -> Int? {
        guard let value = int(node, key: key) else { return nil }
        guard value >= 1 else {
            report(.valueOutOfRange(key: key, value: String(value), bounds: "1 or more"), at: node)
            return nil
        }
        return value
    }

    /// A TLS version, or `.some(nil)` for `none`; `nil` after reporting.
    private mutating func tlsVersionOrNone(_ node: YAMLNode, key: String) -> TLSVersion?? {
        guard let text = string(node, key: key) else { return nil }
        if text == "none" { return .some(nil) }
        if let version = TLSVersion(rawValue: text) { return version }
        reportInvalidChoice(text, key: key, allowed: TLSVersion.allCases.map(\.rawValue) + ["none"], at: node)
        return nil
    }

    /// A sequence of condition names; `nil` when any is unknown (reported with the closest known name).
    private mutating func conditionNames(_ node: YAMLNode, key: String) -> Set<String>? {
        guard let items = items(node, key: key) else { return nil }
        var names: Set<String> = []
        var valid = true
        for item in items {
            guard let name = string(item, key: key) else {
                valid = false
                continue
            }
            guard AlertPolicy.isConditionName(name) else {
                reportInvalidChoice(name, key: key, allowed: AlertPolicy.allConditionNames, at: item)
                valid = false
                continue
            }
            names.insert(name)
        }
        return valid ? names : nil
    }
}
