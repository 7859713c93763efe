extension NodeReader {
    /// Reads the whole file's root node; every problem is recorded in `log`, and what could be read is returned.
    mutating func readDocument(_ root: YAMLNode) -> ConfigDocument {
        var document = ConfigDocument()
        guard let entries = entries(root, key: "the file") else { return document }
        for (name, keyNode, value) in entries {
            switch name {
            case "defaults":
                document.defaultsLocation = location(value)
                document.defaults = readLayer(value, section: "defaults", level: .defaults, known: ConfigKeys.defaults)
            case "modules":
                document.modules = readModules(value)
            case "targets":
                document.targets = readTargets(value)
            case "alerts":
                document.alerting = readAlerts(value, key: keyNode)
            default:
                reportUnknown(name, at: keyNode, section: "the top level", known: ConfigKeys.topLevel)
            }
        }
        // `targets:` may come before `modules:`: check module names once both are read.
        for target in document.targets {
            if let module = target.module, document.module(named: module.name) == nil {
                let known = document.modules.map(\.name)
                let suggestion = Suggestion.closest(to: module.name, in: known)
                log.add(.unknownModule(name: module.name, suggestion: suggestion, known: known), at: module.location)
            }
        }
        return document
    }

    /// A mapping of probe keys; keys outside `known` are reported.
    private mutating func readLayer(
        _ node: YAMLNode, section: String, level: ProbeLayer.Level, known: [String]
    ) -> ProbeLayer {
        var layer = ProbeLayer()
        guard let entries = entries(node, key: section, nullIsEmpty: true) else { return layer }
        for (name, keyNode, value) in entries {
            guard known.contains(name), readProbeKey(name, value: value, level: level, into: &layer) else {
                reportUnknown(name, at: keyNode, section: section, known: known)
                continue
            }
        }
        return layer
    }

    private mutating func readModules(_ node: YAMLNode) -> [ConfigDocument.Module] {
        guard let entries = entries(node, key: "modules", nullIsEmpty: true) else { return [] }
        return entries.map { name, _, value in
            let layer = readLayer(value, section: "module '\(name)'", level: .module, known: ConfigKeys.module)
            return ConfigDocument.Module(name: name, layer: layer, location: location(value))
        }
    }

    private mutating func readTargets(_ node: YAMLNode) -> [TargetEntry] {
        guard let items = items(node, key: "targets") else { return [] }
        var targets: [TargetEntry] = []
        var firstLines: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let target = readTarget(item, index: index) else { continue }
            if let firstLine = firstLines[target.entry.name] {
                log.add(.duplicateTarget(name: target.entry.name, firstLine: firstLine), at: target.nameLocation)
                continue
            }
            firstLines[target.entry.name] = target.nameLocation.line
            targets.append(target.entry)
        }
        return targets
    }

    private mutating func readTarget(_ node: YAMLNode, index: Int) -> (entry: TargetEntry, nameLocation: SourceLocation)? {
        let section = "targets[\(index)]"
        guard let entries = entries(node, key: section) else { return nil }
        var name: (String, SourceLocation)?
        var host: ServerHost?
        var module: (name: String, location: SourceLocation)?
        var labels: [TargetLabel] = []
        var layer = ProbeLayer()
        var mailFlow: (configuration: MailFlowConfiguration, location: SourceLocation)?
        var mailboxKeys: [(String, YAMLNode)] = []
        for (key, keyNode, value) in entries {
            if ConfigKeys.mailboxPhaseKeys.contains(key) { mailboxKeys.append((key, keyNode)) }
            switch key {
            case "mailflow": mailFlow = readMailFlow(value).map { (configuration: $0.0, location: $0.1) }
            case "name": name = nonEmptyString(value, key: key).map { ($0, location(value)) }
            case "host": host = serverHost(value, key: key)
            case "module": module = nonEmptyString(value, key: key).map { ($0, location(value)) }
            case "labels": labels = readLabels(value)
            default:
                guard ConfigKeys.target.contains(key), readProbeKey(key, value: value, level: .target, into: &layer)
                else {
                    reportUnknown(key, at: keyNode, section: "target", known: ConfigKeys.target)
                    continue
                }
            }
        }
        let presentKeys = Set(entries.map(\.name))
        for required in ["name", "host"] where !presentKeys.contains(required) {
            report(.missingKey(key: required, section: "a target"), at: node)
        }
        if presentKeys.contains("mailflow") {
            // A loop's mailbox session runs delivery and clean-up, not the probe's mailbox phases.
            for (key, keyNode) in mailboxKeys {
                report(.keyNotAllowedHere(key: key, section: "a mail-flow target", allowedIn: "a target without mailflow:"), at: keyNode)
            }
            if !presentKeys.contains("username") && module == nil {
                report(.missingKey(key: "username", section: "a mail-flow target (the mailbox the loop looks in)"), at: node)
            }
        }
        guard let (targetName, nameLocation) = name, let host else { return nil }
        var entry = TargetEntry(
            name: targetName, host: host, module: module, labels: labels.sorted(), layer: layer,
            location: location(node))
        entry.mailFlow = mailFlow
        return (entry, nameLocation)
    }

    private mutating func readLabels(_ node: YAMLNode) -> [TargetLabel] {
        guard let entries = entries(node, key: "labels", nullIsEmpty: true) else { return [] }
        var labels: [TargetLabel] = []
        for (name, keyNode, value) in entries {
            if !TargetLabel.isValidName(name) {
                report(.invalidLabelName(name: name), at: keyNode)
            } else if TargetLabel.reservedNames.contains(name) {
                report(.reservedLabelName(name: name), at: keyNode)
            } else if let text = string(value, key: "labels.\(name)") {
                labels.append(TargetLabel(name: name, value: text))
            }
        }
        return labels
    }
}
