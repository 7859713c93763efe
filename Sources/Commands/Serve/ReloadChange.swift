import Config

/// How many targets a reload added, removed and changed (by name; a target with any value changed counts once).
struct ReloadChange: Equatable {
    var added = 0
    var removed = 0
    var changed = 0

    /// Counts as given.
    init(added: Int, removed: Int, changed: Int) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// The difference between the targets running `before` and the `after` list.
    init(before: Set<TargetConfiguration>, after: [TargetConfiguration]) {
        var old: [String: TargetConfiguration] = [:]
        for target in before { old[target.name] = target }
        var seen = Set<String>()
        for target in after {
            seen.insert(target.name)
            switch old[target.name] {
            case nil: added += 1
            case let previous? where previous != target: changed += 1
            default: break
            }
        }
        removed = old.keys.filter { !seen.contains($0) }.count
    }

    /// `3 targets (1 added, 0 removed, 2 changed)`.
    func summary(targets: Int) -> String {
        "\(targets) targets (\(added) added, \(removed) removed, \(changed) changed)"
    }
}
