import COpenSSL

extension OpenSSLHandler {
    /// Sets SNI (for a name, not an IP literal) and the name or address the certificate must match.
    ///
    /// An empty name, or one with an embedded NUL (which OpenSSL would read only up to the NUL), is refused
    /// rather than sent or checked in part; `verifyHostname` nil is the only way to skip the name check.
    func configureNames(_ configuration: TLSClientConfiguration) throws(TransportError) {
        for name in [configuration.serverName, configuration.verifyHostname].compactMap({ $0 }) {
            guard !name.isEmpty, !name.utf8.contains(0) else {
                throw TransportError(
                    .tlsConfigurationInvalid,
                    name.isEmpty ? "an empty TLS server name" : "a TLS server name with a NUL byte")
            }
        }
        if let serverName = configuration.serverName, IPLiteral.family(of: serverName) == nil {
            guard imapwatch_SSL_set_tlsext_host_name(ssl, serverName) == 1 else {
                throw TransportError(
                    .tlsConfigurationInvalid, OpenSSLErrorQueue.describe(or: "cannot set SNI \(serverName)"))
            }
        }
        if let host = configuration.verifyHostname {
            let accepted: Bool
            if IPLiteral.family(of: host) != nil {
                accepted = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1
            } else {
                accepted = SSL_set1_host(ssl, host) == 1
            }
            guard accepted else {
                throw TransportError(
                    .tlsConfigurationInvalid, OpenSSLErrorQueue.describe(or: "cannot verify host name \(host)"))
            }
        }
    }
}
