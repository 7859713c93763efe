import Config

/// The labels every series of one target starts with: `target`, `host`, `port`, `tls`, then the target's own
/// labels sorted by name.
///
/// Never carries a username or a secret: only the name, address, TLS mode and the labels the operator configured.
/// A configured label whose name a family sets itself (`version`, `phase`, ...) is left out, so no series ever has
/// one label name twice.
public struct TargetLabels: Sendable, Hashable {
    /// The target's name (the `target` label); unique per configuration.
    public let target: String
    /// The label pairs in export order.
    public let pairs: [TargetLabel]

    /// The labels of `configuration`.
    public init(_ configuration: TargetConfiguration) {
        self.target = configuration.name
        let settings = configuration.settings
        let fixed = [
            TargetLabel(name: "target", value: configuration.name),
            TargetLabel(name: "host", value: settings.host.text),
            TargetLabel(name: "port", value: String(settings.port)),
            TargetLabel(name: "tls", value: settings.tlsMode.rawValue),
        ]
        let own = configuration.labels
            .filter { !MetricCatalog.ownLabelNames.contains($0.name) }
            .sorted { $0.name < $1.name }
        self.pairs = fixed + own
    }

    /// These labels followed by `extra`, as swift-prometheus takes them.
    func with(_ extra: [(String, String)] = []) -> [(String, String)] {
        pairs.map { ($0.name, $0.value) } + extra
    }
}
