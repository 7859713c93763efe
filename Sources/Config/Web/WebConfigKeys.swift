/// The keys of an exporter-toolkit web configuration file, and what imapwatch does with each.
enum WebConfigKeys {
    static let basicAuthUsers = "basic_auth_users"
    static let tlsServerConfig = "tls_server_config"
    static let httpServerConfig = "http_server_config"

    /// Every key the format defines, for "did you mean" and the list of known keys.
    static let topLevel = [basicAuthUsers, tlsServerConfig, httpServerConfig]

    /// The keys of `tls_server_config` imapwatch reads.
    enum TLS {
        static let certFile = "cert_file"
        static let keyFile = "key_file"
        static let minVersion = "min_version"
        static let clientAuthType = "client_auth_type"

        /// The keys imapwatch reads.
        static let supported = [certFile, keyFile, minVersion, clientAuthType]
        /// The keys exporter-toolkit defines that imapwatch refuses: inline PEM, client certificates, cipher and
        /// curve choices (the system OpenSSL's defaults apply), a maximum version.
        static let unsupported = [
            "cert", "key", "client_ca_file", "client_ca", "client_allowed_sans", "cipher_suites",
            "curve_preferences", "prefer_server_cipher_suites", "max_version",
        ]
        /// Every key exporter-toolkit defines, for "did you mean" and the list of known keys.
        static let all = supported + unsupported

        /// `min_version` values, exporter-toolkit's names; TLS10 and TLS11 are refused.
        static let versions: [(name: String, version: TLSVersion)] = [("TLS12", .tls1_2), ("TLS13", .tls1_3)]
        /// exporter-toolkit's `client_auth_type` values; only `NoClientCert` is accepted.
        static let noClientCert = "NoClientCert"
        static let clientAuthTypes = [
            noClientCert, "RequestClientCert", "RequireAnyClientCert", "VerifyClientCertIfGiven",
            "RequireAndVerifyClientCert",
        ]
    }
}
