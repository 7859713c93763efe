import COpenSSL
import NIOCore

/// An OpenSSL `SSL_CTX` for accepted connections: a certificate chain, its private key, a minimum version.
///
/// Built (and checked: the key must match the certificate) once, then shared by every accepted connection;
/// immutable once made. No client certificate is asked for.
public final class TLSServerContext: @unchecked Sendable {
    /// The owned `SSL_CTX`; OpenSSL allows concurrent `SSL_new` on a configured context.
    let pointer: OpaquePointer

    /// Loads the chain (server certificate first) and the key; throws `.tlsConfigurationInvalid` naming the file
    /// and OpenSSL's reason when one cannot be read or parsed, or when the key does not match the certificate.
    public init(certificateChainFile: String, privateKeyFile: String, minimumVersion: TLSProtocolVersion)
        throws(TransportError)
    {
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TransportError(.tlsConfigurationInvalid, OpenSSLErrorQueue.describe(or: "SSL_CTX_new failed"))
        }
        self.pointer = context  // freed by deinit even when a check below throws
        guard SSL_CTX_use_certificate_chain_file(context, certificateChainFile) == 1 else {
            let reason = OpenSSLErrorQueue.describe(or: "unreadable")
            throw TransportError(.tlsConfigurationInvalid, "certificate file \(certificateChainFile): \(reason)")
        }
        var passphraseAsked: Int32 = 0
        imapwatch_SSL_CTX_refuse_passphrases(context, &passphraseAsked)
        let keyLoaded = SSL_CTX_use_PrivateKey_file(context, privateKeyFile, SSL_FILETYPE_PEM) == 1
        imapwatch_SSL_CTX_refuse_passphrases(context, nil)
        guard keyLoaded else {
            let errors = OpenSSLErrorQueue.drainEntries()
            let reason = OpenSSLErrorQueue.describe(errors, or: "unreadable")
            if passphraseAsked != 0 {
                throw TransportError(
                    .tlsConfigurationInvalid,
                    "key file \(privateKeyFile) is encrypted with a passphrase, which is not supported: store it "
                        + "decrypted (openssl pkey -in FILE -out FILE) and readable by the service only")
            }
            throw TransportError(
                .tlsConfigurationInvalid,
                errors.contains { imapwatch_ERR_is_key_mismatch($0.code) != 0 }
                    ? Self.mismatch(certificateChainFile, privateKeyFile, reason)
                    : "key file \(privateKeyFile): \(reason)")
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            let reason = OpenSSLErrorQueue.describe(or: "SSL_CTX_check_private_key failed")
            throw TransportError(.tlsConfigurationInvalid, Self.mismatch(certificateChainFile, privateKeyFile, reason))
        }
        if imapwatch_SSL_CTX_set_min_proto_version(context, minimumVersion.openSSLValue) != 1 {
            throw TransportError(
                .tlsConfigurationInvalid,
                OpenSSLErrorQueue.describe(or: "cannot set minimum version \(minimumVersion.rawValue)"))
        }
    }

    deinit {
        SSL_CTX_free(pointer)
    }

    /// Adds a server TLS handler for this context first in `channel`'s pipeline; call on its event loop, before
    /// the channel's protocol handlers (a server child channel's setup).
    public func addHandler(to channel: any Channel) throws(TransportError) {
        let handler = try OpenSSLHandler(context: self)
        do {
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        } catch {
            throw TransportError.fromChannelError(error)
        }
    }

    private static func mismatch(_ certificate: String, _ key: String, _ reason: String) -> String {
        "the private key in \(key) does not match the certificate in \(certificate) (\(reason))"
    }
}
