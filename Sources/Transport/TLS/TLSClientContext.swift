import COpenSSL

/// An OpenSSL `SSL_CTX` for client connections: trust store, CA file, minimum version, report-only verification.
///
/// Immutable once made, so it may be shared by many connections with the same configuration.
///
/// TLS 1.0 and 1.1 need OpenSSL security level 0 for their handshake (MD5/SHA-1 signatures, old ciphers), and the
/// level applies to the whole context. So that a minimum of 1.0 or 1.1 weakens only the handshake, certificate
/// verification then runs at the level the context had before (the system's, `certificateSecurityLevel`): a weak
/// key or a SHA-1 signature in the chain fails verification as it would with a minimum of 1.2, whatever version
/// the server negotiates.
public final class TLSClientContext: @unchecked Sendable {
    /// The owned `SSL_CTX`; OpenSSL allows concurrent `SSL_new` on a configured context.
    let pointer: OpaquePointer
    /// The configuration this context was made from (its per-connection parts are applied per `SSL`).
    public let configuration: TLSClientConfiguration
    /// The OpenSSL security level certificate chains are verified at: the system's default, also when the
    /// handshake runs at level 0 for TLS 1.0/1.1.
    public let certificateSecurityLevel: Int32

    /// Builds the context; throws `.tlsConfigurationInvalid` with OpenSSL's text if a setting is refused.
    public init(_ configuration: TLSClientConfiguration) throws(TransportError) {
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TransportError(.tlsConfigurationInvalid, OpenSSLErrorQueue.describe(or: "SSL_CTX_new failed"))
        }
        self.pointer = context
        self.configuration = configuration
        self.certificateSecurityLevel = SSL_CTX_get_security_level(context)
        // Verification runs and its result is recorded, but never aborts the handshake: the caller decides.
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        try SystemTrustStore.attach(to: context)
        if let caFile = configuration.caFile, SSL_CTX_load_verify_locations(context, caFile, nil) != 1 {
            let detail = OpenSSLErrorQueue.describe(or: "unreadable")
            throw TransportError(.tlsConfigurationInvalid, "CA file \(caFile): \(detail)")
        }
        let minimum = configuration.minimumVersion
        if imapwatch_SSL_CTX_set_min_proto_version(context, minimum.openSSLValue) != 1 {
            throw TransportError(
                .tlsConfigurationInvalid,
                OpenSSLErrorQueue.describe(or: "cannot set minimum version \(minimum.rawValue)"))
        }
        if minimum.needsLegacySecurityLevel {
            SSL_CTX_set_security_level(context, 0)
            _ = SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0")
            if certificateSecurityLevel > 0 {
                // The level travels as the callback's argument, so the callback needs no state of its own.
                SSL_CTX_set_cert_verify_callback(
                    context, verifyAtArgumentLevel, UnsafeMutableRawPointer(bitPattern: Int(certificateSecurityLevel)))
            }
        }
    }

    deinit {
        SSL_CTX_free(pointer)
    }
}

/// OpenSSL's certificate verification (`X509_verify_cert`) at the security level passed as the argument, in
/// place of the level of the `SSL`, which OpenSSL has already set on `store`.
private let verifyAtArgumentLevel: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Int32 = {
    store, level in
    guard let store, let parameters = X509_STORE_CTX_get0_param(store) else { return 0 }
    X509_VERIFY_PARAM_set_auth_level(parameters, Int32(truncatingIfNeeded: Int(bitPattern: level)))
    return X509_verify_cert(store)
}
