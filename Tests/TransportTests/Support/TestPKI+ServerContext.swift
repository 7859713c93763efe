import Transport

extension TestPKI {
    /// A server context serving the `localhost` leaf with its key, TLS 1.2 and up.
    func leafServerContext() throws -> TLSServerContext {
        try TLSServerContext(certificateChainFile: leafCertificate, privateKeyFile: leafKey, minimumVersion: .tls1_2)
    }
}
