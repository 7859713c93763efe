/// The `tls_server_config` of a web configuration: the daemon serves its HTTP endpoints over TLS.
///
/// Paths are absolute (relative ones were taken from the web configuration file's folder) and were readable when
/// the file loaded; whether the key matches the certificate is checked when the TLS context is built. Clients
/// are not asked for certificates (`client_auth_type: NoClientCert`, the only value accepted so far).
public struct WebTLSConfiguration: Sendable, Hashable {
    /// The PEM certificate chain: the server certificate first, then the intermediates.
    public var certificateFile: String
    /// The PEM private key of the server certificate.
    public var keyFile: String
    /// The lowest protocol version accepted: TLS 1.2 (the default, as in exporter-toolkit) or TLS 1.3.
    public var minimumVersion: TLSVersion

    /// A configuration serving the chain in `certificateFile` with the key in `keyFile`.
    public init(certificateFile: String, keyFile: String, minimumVersion: TLSVersion = .tls1_2) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.minimumVersion = minimumVersion
    }
}
