import COpenSSL

extension TLSSessionFacts {
    /// Reads version, cipher, verification result and the presented certificates of a finished handshake.
    init(ssl: OpaquePointer) {
        let version = SSL_get_version(ssl).map { String(cString: $0) } ?? "unknown"
        let cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
        var code = Int32(truncatingIfNeeded: SSL_get_verify_result(ssl))
        var reason = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "unknown"

        var leaf: CertificateFacts?
        if let certificate = SSL_get1_peer_certificate(ssl) {
            leaf = CertificateFacts(x509: certificate)
            X509_free(certificate)
        }
        if leaf == nil {
            // SSL_get_verify_result says X509_V_OK when there was nothing to verify.
            code = 1  // X509_V_ERR_UNSPECIFIED
            reason = "the server presented no certificate"
        }
        let verified = code == 0 ? Self.certificates(in: SSL_get0_verified_chain(ssl)) : []
        self.init(
            protocolVersion: version,
            cipher: cipher ?? "unknown",
            verification: CertificateVerification(code: code, reason: reason),
            leaf: leaf,
            presentedChain: Self.certificates(in: SSL_get_peer_cert_chain(ssl)),
            verifiedChain: verified
        )
    }

    /// The facts of every certificate in a borrowed `STACK_OF(X509)`.
    private static func certificates(in stack: OpaquePointer?) -> [CertificateFacts] {
        guard let stack else { return [] }
        var chain: [CertificateFacts] = []
        for index in 0..<imapwatch_sk_X509_num(stack) {
            if let certificate = imapwatch_sk_X509_value(stack, index) {
                chain.append(CertificateFacts(x509: certificate))
            }
        }
        return chain
    }
}
