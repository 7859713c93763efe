extension NodeReader {
    /// Reads a `thresholds:` mapping into `layer`, with an origin for every value.
    mutating func readThresholds(_ node: YAMLNode, level: ProbeLayer.Level, into layer: inout ProbeLayer) {
        guard let entries = entries(node, key: "thresholds") else { return }
        for (name, keyNode, value) in entries {
            let path = "thresholds.\(name)"
            switch name {
            case "certificate_days":
                readPair(value, path: path, level: level, into: &layer) { reader, node, key in
                    reader.int(node, key: key)
                } store: { layer, warning, critical in
                    if let warning { layer.certificateDaysWarning = warning }
                    if let critical { layer.certificateDaysCritical = critical }
                }
            case "quota_percent":
                readPair(value, path: path, level: level, into: &layer) { reader, node, key in
                    reader.number(node, key: key)
                } store: { layer, warning, critical in
                    if let warning { layer.quotaPercentWarning = warning }
                    if let critical { layer.quotaPercentCritical = critical }
                }
            case "total":
                readPair(value, path: path, level: level, into: &layer) { reader, node, key in
                    reader.duration(node, key: key)
                } store: { layer, warning, critical in
                    if let warning { layer.total.warning = warning }
                    if let critical { layer.total.critical = critical }
                }
            case "phases":
                readPhases(value, level: level, into: &layer)
            default:
                reportUnknown(name, at: keyNode, section: "thresholds", known: ConfigKeys.thresholds)
            }
        }
    }

    private mutating func readPhases(_ node: YAMLNode, level: ProbeLayer.Level, into layer: inout ProbeLayer) {
        guard let entries = entries(node, key: "thresholds.phases") else { return }
        for (phase, keyNode, value) in entries {
            guard ThresholdSettings.phaseNames.contains(phase) else {
                reportUnknown(phase, at: keyNode, section: "thresholds.phases", known: ThresholdSettings.phaseNames)
                continue
            }
            readPair(value, path: "thresholds.phases.\(phase)", level: level, into: &layer) { reader, node, key in
                reader.duration(node, key: key)
            } store: { layer, warning, critical in
                var limits = layer.phases[phase] ?? DurationLimits()
                if let warning { limits.warning = warning }
                if let critical { limits.critical = critical }
                layer.phases[phase] = limits
            }
        }
    }

    /// Reads a `{warning: x, critical: y}` mapping; `store` gets what was read (each may be `nil`).
    private mutating func readPair<Value>(
        _ node: YAMLNode, path: String, level: ProbeLayer.Level, into layer: inout ProbeLayer,
        read readValue: (inout NodeReader, YAMLNode, String) -> Value?,
        store: (inout ProbeLayer, Value?, Value?) -> Void
    ) {
        guard let entries = entries(node, key: path) else { return }
        var warning: Value?
        var critical: Value?
        for (name, keyNode, value) in entries {
            let key = "\(path).\(name)"
            let read: Value?
            switch name {
            case "warning":
                read = readValue(&self, value, key)
                warning = read
            case "critical":
                read = readValue(&self, value, key)
                critical = read
            default:
                reportUnknown(name, at: keyNode, section: path, known: ConfigKeys.limits)
                continue
            }
            if read != nil { layer.origins[key] = ProbeLayer.Origin(location: location(value), level: level) }
        }
        store(&layer, warning, critical)
    }

    /// Reports a key `section` does not accept: misplaced if another section knows it (outside the thresholds,
    /// whose keys are all limits; alert sections look among the alert keys first), else unknown with the closest
    /// known key as a hint.
    mutating func reportUnknown(_ key: String, at node: YAMLNode, section: String, known: [String]) {
        let home = AlertKeys.isAlertSection(section)
            ? AlertKeys.home(of: key) ?? ConfigKeys.home(of: key) : ConfigKeys.home(of: key)
        if let home, !section.hasPrefix("thresholds") {
            report(.keyNotAllowedHere(key: key, section: section, allowedIn: home), at: node)
            return
        }
        let suggestion = Suggestion.closest(to: key, in: known)
        report(.unknownKey(key: key, section: section, suggestion: suggestion, known: known), at: node)
    }
}
