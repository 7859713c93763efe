import NIOCore
import NIOPosix
@testable import Transport

/// Loopback TLS servers made of our server handler and the test's own handlers after it.
enum TLSTestServer {
    /// Listens on 127.0.0.1; each accepted connection gets a server `OpenSSLHandler` for `context` and then
    /// `makeHandlers()`'s handlers. Without `handshakeTimeout` the handler is added the way the daemon adds it
    /// (`TLSServerContext.addHandler`). Close the returned channel when done.
    static func start(
        _ context: TLSServerContext,
        handshakeTimeout: TimeAmount? = nil,
        _ makeHandlers: @escaping @Sendable () -> [any ChannelHandler]
    ) async throws -> any Channel {
        try await ServerBootstrap(group: TestHelpers.group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let handshakeTimeout {
                        let handler = try OpenSSLHandler(context: context, handshakeTimeout: handshakeTimeout)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    } else {
                        try context.addHandler(to: channel)
                    }
                    try channel.pipeline.syncOperations.addHandlers(makeHandlers())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }
}
