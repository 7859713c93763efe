/// A configuration that loaded: the resolved targets, the warnings, and the modules for ad-hoc probes.
public struct LoadedConfiguration: Sendable, Hashable {
    /// Every target, in file order, fully resolved (secrets still references).
    public var targets: [TargetConfiguration]
    /// Warnings with positions (an inline password, a receiver no route names); the configuration is usable
    /// despite them.
    public var warnings: [ConfigDiagnostic]
    /// The `alerts:` section; `nil` when the file has none (no alert is evaluated or sent).
    public var alerting: AlertingConfiguration?
    /// The file as written, kept to resolve `/probe?module=` requests the same way as targets.
    let document: ConfigDocument

    init(
        targets: [TargetConfiguration], warnings: [ConfigDiagnostic], document: ConfigDocument,
        alerting: AlertingConfiguration? = nil
    ) {
        self.targets = targets
        self.warnings = warnings
        self.alerting = alerting
        self.document = document
    }

    /// The module names, in file order.
    public var moduleNames: [String] { document.modules.map(\.name) }

    /// The module's `probe_hosts:`, `nil` when it has none or there is no such module.
    public func probeHosts(ofModule module: String) -> [ProbeHostPattern]? {
        document.module(named: module)?.layer.probeHosts
    }

    /// A target built on the spot from `module` over the defaults, as `/probe?target=host:port&module=` needs;
    /// `nil` when no such module exists. `port` `nil` takes the module's or the TLS mode's default. The caller
    /// validates what came from the request (`validate()` checks the port range among the rest).
    public func adHocTarget(name: String, host: ServerHost, port: Int?, module: String) -> TargetConfiguration? {
        guard let found = document.module(named: module) else { return nil }
        var layer = found.layer.overlaying(document.defaults)
        if let port { layer.port = port }
        return ConfigDocument.configuration(name: name, host: host, module: module, labels: [], layer)
    }
}
