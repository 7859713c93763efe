/// One item of `targets:` as written: its identity and its own probe keys, before resolution.
struct TargetEntry: Sendable, Hashable {
    var name: String
    var host: ServerHost
    /// The module it names, and where.
    var module: (name: String, location: SourceLocation)?
    var labels: [TargetLabel]
    /// Its own probe keys (level `.target`), including `port` and `interval`.
    var layer: ProbeLayer
    /// Its `mailflow:` mapping, which makes it a mail-flow loop, and where it was written.
    var mailFlow: (configuration: MailFlowConfiguration, location: SourceLocation)?
    /// Where the target's mapping starts, blamed when nothing more precise is known.
    var location: SourceLocation

    static func == (lhs: TargetEntry, rhs: TargetEntry) -> Bool {
        lhs.name == rhs.name && lhs.host == rhs.host && lhs.module?.name == rhs.module?.name
            && lhs.labels == rhs.labels && lhs.layer == rhs.layer && lhs.location == rhs.location
            && lhs.mailFlow?.configuration == rhs.mailFlow?.configuration && lhs.mailFlow?.location == rhs.mailFlow?.location
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(location)
    }
}
