import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The agent's HTTP server: `MetricsRouter`'s routes on one address, a lifecycle `Service` for a `ServiceGroup`.
public enum MetricsApplication {
    /// An application serving `router` on `host:port`, logging to `logger`.
    ///
    /// `onServerRunning` is called with the port actually bound (useful with port 0). With `tls`, every
    /// connection is HTTPS through the system OpenSSL (plain HTTP on that port fails the handshake). `limits`
    /// closes idle connections and caps how many are open.
    public static func make(
        router: MetricsRouter, host: String, port: Int, tls: WebTLS? = nil, limits: HTTPConnectionLimits = .init(),
        logger: Logger, onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let requestDeadline = TimeAmount(limits.requestReadTimeout)
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestReadDeadlineHandler(deadline: requestDeadline)],
            idleTimeout: TimeAmount(limits.idleTimeout))
        return Application(
            router: router.build(),
            server: tls.map { HTTPServerBuilder.http1(tls: $0, configuration: http) } ?? .http1(configuration: http),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port), serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maximumConnections, logger: logger)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
            logger: logger
        )
    }
}
