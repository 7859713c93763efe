/// The web configuration of `serve --web.config.file`: who may read the HTTP endpoints.
///
/// The file has the Prometheus exporter-toolkit format (the one node_exporter and blackbox_exporter accept),
/// limited to what imapwatch supports: `basic_auth_users`, a mapping from user name to bcrypt hash. No users
/// (an empty file, or an empty mapping) means no authentication, as in exporter-toolkit.
public struct WebConfiguration: Sendable, Hashable {
    /// The users allowed on every endpoint, by name.
    public var basicAuthUsers: [String: BcryptHash]

    /// A configuration with these users.
    public init(basicAuthUsers: [String: BcryptHash] = [:]) {
        self.basicAuthUsers = basicAuthUsers
    }

    /// Whether requests must carry credentials.
    public var requiresAuthentication: Bool { !basicAuthUsers.isEmpty }
}
