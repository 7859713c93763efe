import COpenSSL

extension OpenSSLHandler {
    /// Sets SNI (for a name, not an IP literal) and the name or address the certificate must match.
    func configureNames(_ configuration: TLSClientConfiguration) throws(TransportError) {
        if let serverName = configuration.serverName, !serverName.isEmpty, IPLiteral.family(of: serverName) == nil {
            guard imapwatch_SSL_set_tlsext_host_name(ssl, serverName) == 1 else {
                throw TransportError(
                    .tlsConfigurationInvalid, OpenSSLErrorQueue.describe(or: "cannot set SNI \(serverName)"))
            }
        }
        if let host = configuration.verifyHostname, !host.isEmpty {
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
