import COpenSSL

/// An OpenSSL `SSL_CTX` for client connections: trust store, CA file, minimum version, report-only verification.
///
/// Immutable once made, so it may be shared by many connections with the same configuration.
public final class TLSClientContext: @unchecked Sendable {
    /// The owned `SSL_CTX`; OpenSSL allows concurrent `SSL_new` on a configured context.
    let pointer: OpaquePointer
    /// The configuration this context was made from (its per-connection parts are applied per `SSL`).
    public let configuration: TLSClientConfiguration

    /// Builds the context; throws `.tlsConfigurationInvalid` with OpenSSL's text if a setting is refused.
    public init(_ configuration: TLSClientConfiguration) throws(TransportError) {
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TransportError(.tlsConfigurationInvalid, OpenSSLErrorQueue.describe(or: "SSL_CTX_new failed"))
        }
        self.pointer = context
        self.configuration = configuration
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
        }
    }

    deinit {
        SSL_CTX_free(pointer)
    }
}
