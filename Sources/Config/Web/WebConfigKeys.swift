/// The top-level keys of an exporter-toolkit web configuration file, and what imapwatch does with each.
enum WebConfigKeys {
    static let basicAuthUsers = "basic_auth_users"
    static let tlsServerConfig = "tls_server_config"
    static let httpServerConfig = "http_server_config"

    /// Every key the format defines, for "did you mean" and the list of known keys.
    static let topLevel = [basicAuthUsers, tlsServerConfig, httpServerConfig]
}
