import Hummingbird
import Logging

/// The agent's HTTP server: `MetricsRouter`'s routes on one address, a lifecycle `Service` for a `ServiceGroup`.
public enum MetricsApplication {
    /// An application serving `router` on `host:port`, logging to `logger`.
    ///
    /// `onServerRunning` is called with the port actually bound (useful with port 0).
    public static func make(
        router: MetricsRouter, host: String, port: Int, logger: Logger,
        onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router.build(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
            logger: logger
        )
    }
}
