import Config
import Prober
import NIOConcurrencyHelpers
import Transport

/// The TLS of the HTTP endpoints: the OpenSSL server context every new connection is accepted with.
///
/// Built from a `Context` (loading the certificate and key, which must match, happens there). `install(_:)` swaps
/// in a context built from a reloaded web configuration, so a renewed certificate is served from the next
/// connection on without a restart; connections already open keep the session they negotiated. Safe to share.
public final class WebTLS: Sendable {
    private let context: NIOLockedValueBox<TLSServerContext>

    /// A server context built from a `tls_server_config`, not yet serving: a reload builds it before it changes
    /// anything, and installs it only once everything else of the reload is ready too.
    public struct Context: Sendable {
        let server: TLSServerContext

        /// The certificate chain, key and minimum version of `configuration` loaded now; throws `TransportError`
        /// (`.tlsConfigurationInvalid`) naming the file at fault.
        public init(_ configuration: WebTLSConfiguration) throws(TransportError) {
            server = try TLSServerContext(
                certificateChainFile: configuration.certificateFile, privateKeyFile: configuration.keyFile,
                minimumVersion: TLSProtocolVersion(configuration.minimumVersion))
        }
    }

    /// TLS serving `context`.
    public init(_ context: Context) {
        self.context = NIOLockedValueBox(context.server)
    }

    /// Serves `context` from the next connection on.
    public func install(_ context: Context) {
        self.context.withLockedValue { $0 = context.server }
    }

    /// The context new connections are accepted with.
    var current: TLSServerContext { context.withLockedValue { $0 } }
}
