/// A configuration file as written, typed but not yet resolved: defaults, modules, and targets.
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

    /// The module called `name`.
    func module(named name: String) -> Module? {
        modules.first { $0.name == name }
    }
}
