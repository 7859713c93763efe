/// A configuration file as written, typed but not yet resolved: defaults, modules, targets, and the alerts.
struct ConfigDocument: Sendable, Hashable {
    /// One named module.
    struct Module: Sendable, Hashable {
        var name: String
        var layer: ProbeLayer
        var location: SourceLocation
    }

    var defaults = ProbeLayer()
    var defaultsLocation: SourceLocation?
    var modules: [Module] = []
    var targets: [TargetEntry] = []
    /// The `alerts:` section, complete (receivers and routes need no resolution); `nil` when the file has none.
    var alerting: AlertingConfiguration?

    /// The module called `name`.
    func module(named name: String) -> Module? {
        modules.first { $0.name == name }
    }
}
