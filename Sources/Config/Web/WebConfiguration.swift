/// The web configuration of `serve --web.config.file`: who may read the HTTP endpoints, and over what.
///
/// The file has the Prometheus exporter-toolkit format (the one node_exporter and blackbox_exporter accept),
/// limited to what imapwatch supports: `basic_auth_users`, a mapping from user name to bcrypt hash, and
/// `tls_server_config` with a certificate chain and key. No users (an empty file, or an empty mapping) means no
/// authentication, as in exporter-toolkit; no `tls_server_config` means plain HTTP.
public struct WebConfiguration: Sendable, Hashable {
    /// The users allowed on every endpoint, by name.
    public var basicAuthUsers: [String: BcryptHash]
    /// TLS for the endpoints, or `nil` for plain HTTP.
    public var tls: WebTLSConfiguration?

    /// A configuration with these users, over TLS when `tls` is given.
    public init(basicAuthUsers: [String: BcryptHash] = [:], tls: WebTLSConfiguration? = nil) {
        self.basicAuthUsers = basicAuthUsers
        self.tls = tls
    }

    /// Whether requests must carry credentials.
    public var requiresAuthentication: Bool { !basicAuthUsers.isEmpty }
}
