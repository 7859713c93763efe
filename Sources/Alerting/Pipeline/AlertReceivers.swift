import Config

/// The receivers of one loaded `alerts:` section, ready to use: each one's format and endpoint.
public struct AlertReceivers: Sendable {
    /// The section as configured (routes, group wait, receivers).
    public let configuration: AlertingConfiguration
    /// Receiver name → the format its bodies are written in.
    public let formats: [String: ReceiverFormat]
    /// Every receiver's endpoint, in file order.
    public let endpoints: [ReceiverEndpoint]

    /// The receivers of `configuration`; `site` is the agent's own URL for the Alertmanager formats. Fails when a
    /// template cannot be read or compiled.
    public init(
        _ configuration: AlertingConfiguration, site: String, environment: [String: String]
    ) throws(ReceiverFormat.Failure) {
        var formats: [String: ReceiverFormat] = [:]
        var endpoints: [ReceiverEndpoint] = []
        for receiver in configuration.receivers {
            let format = try ReceiverFormat.of(receiver, site: site)
            formats[receiver.name] = format
            endpoints.append(ReceiverEndpoint(receiver, format: format, environment: environment))
        }
        self.configuration = configuration
        self.formats = formats
        self.endpoints = endpoints
    }

    /// The receivers of `loaded`'s `alerts:` section, templates compiled; `nil` without one.
    public static func of(
        _ loaded: LoadedConfiguration, site: String, environment: [String: String]
    ) throws(ReceiverFormat.Failure) -> AlertReceivers? {
        guard let section = loaded.alerting else { return nil }
        return try AlertReceivers(section, site: site, environment: environment)
    }

    /// The names of the receivers that take firing alerts again and again (`alertmanager`: it forgets an alert
    /// not sent again within its `resolve_timeout`).
    var resendingReceivers: [String] {
        configuration.receivers.filter { $0.kind == .alertmanager }.map(\.name)
    }
}
