import Config
import Prober
import Synchronization
import Transport

/// The TLS of the HTTP endpoints: the OpenSSL server context every new connection is accepted with.
///
/// Built from a `tls_server_config` (the key must match the certificate, or `init` throws). `replace(with:)`
/// builds a context from a reloaded web configuration and swaps it in, so a renewed certificate is served from
/// the next connection on without a restart; connections already open keep the session they negotiated. Safe
/// to share.
public final class WebTLS: Sendable {
    private let context: Mutex<TLSServerContext>

    /// TLS with the certificate chain, key and minimum version of `configuration`; throws `TransportError`
    /// (`.tlsConfigurationInvalid`) naming the file at fault.
    public init(_ configuration: WebTLSConfiguration) throws(TransportError) {
        context = Mutex(try Self.makeContext(configuration))
    }

    /// Swaps in a context built from `configuration`; on error the current one stays and the error is thrown.
    public func replace(with configuration: WebTLSConfiguration) throws(TransportError) {
        let next = try Self.makeContext(configuration)
        context.withLock { $0 = next }
    }

    /// The context new connections are accepted with.
    var current: TLSServerContext { context.withLock { $0 } }

    private static func makeContext(_ configuration: WebTLSConfiguration) throws(TransportError) -> TLSServerContext {
        try TLSServerContext(
            certificateChainFile: configuration.certificateFile, privateKeyFile: configuration.keyFile,
            minimumVersion: TLSProtocolVersion(configuration.minimumVersion))
    }
}
