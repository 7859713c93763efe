import COpenSSL

extension TLSSessionFacts {
    /// Reads version, cipher, verification result and the presented certificates of a finished handshake.
    ///
    /// Public only to the benchmarks (`NIOFloor --work product` reads the facts as the transport does).
    @_spi(Benchmarks) public init(ssl: OpaquePointer) {
        let version = SSL_get_version(ssl).map { String(cString: $0) } ?? "unknown"
        let cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
        var code = Int32(truncatingIfNeeded: SSL_get_verify_result(ssl))
        var reason = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "unknown"

        // Each certificate is read once, though the leaf heads both chains. The leaf's reference is dropped only
        // after the chains are read, so no other certificate can take its address meanwhile.
        var read = CertificateReader()
        let peer = SSL_get1_peer_certificate(ssl)
        defer { if let peer { X509_free(peer) } }
        let leaf = peer.map { read.facts(of: $0) }
        if leaf == nil {
            // SSL_get_verify_result says X509_V_OK when there was nothing to verify.
            code = 1  // X509_V_ERR_UNSPECIFIED
            reason = "the server presented no certificate"
        }
        let verified = code == 0 ? read.certificates(in: SSL_get0_verified_chain(ssl)) : []
        self.init(
            protocolVersion: version,
            cipher: cipher ?? "unknown",
            verification: CertificateVerification(code: code, reason: reason),
            leaf: leaf,
            presentedChain: read.certificates(in: SSL_get_peer_cert_chain(ssl)),
            verifiedChain: verified
        )
    }
}
