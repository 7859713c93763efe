import NIOCore
import NIOPosix

/// A TCP proxy on 127.0.0.1 that holds every chunk `delay` before passing it on, in each direction: a link whose
/// round trip is 2 × `delay`, for measuring how many round trips each phase of a probe waits for.
///
/// Every accepted connection gets its own connection to the upstream port (also on 127.0.0.1); when either side
/// closes, the other is closed `delay` later, after what was still in flight. Chunks leave in the order they
/// came. The proxy runs on an event-loop thread of its own, which `stop()` shuts down with every connection.
final class DelayProxy: Sendable {
    /// The port clients connect to.
    let port: Int
    let delay: Duration
    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel

    private init(port: Int, delay: Duration, group: MultiThreadedEventLoopGroup, listener: any Channel) {
        self.port = port
        self.delay = delay
        self.group = group
        self.listener = listener
    }

    /// Listens on an ephemeral loopback port and forwards each connection to 127.0.0.1:`upstreamPort`.
    static func start(upstreamPort: Int, delay: Duration) async throws -> DelayProxy {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let hold = TimeAmount.nanoseconds(delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000)
        do {
            // The accepted channel is registered (and starts reading) only once this initializer's future
            // succeeded, so nothing the client sends arrives before its relay is in place.
            let listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { client in
                    ClientBootstrap(group: client.eventLoop)
                        .channelInitializer { upstream in
                            upstream.eventLoop.makeCompletedFuture {
                                try upstream.pipeline.syncOperations.addHandler(DelayedRelay(peer: client, hold: hold))
                            }
                        }
                        .connect(host: "127.0.0.1", port: upstreamPort)
                        .flatMapThrowing { upstream in
                            do {
                                try client.pipeline.syncOperations.addHandler(DelayedRelay(peer: upstream, hold: hold))
                            } catch {
                                upstream.close(promise: nil)
                                throw error
                            }
                        }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            guard let port = listener.localAddress?.port else {
                throw ScriptError("the proxy has no port")
            }
            return DelayProxy(port: port, delay: delay, group: group, listener: listener)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Closes the listener and every connection, and ends the proxy's thread.
    func stop() async {
        try? await listener.close()
        try? await group.shutdownGracefully()
    }
}

/// Writes what one side of a proxied connection reads to the other side, `hold` later.
private final class DelayedRelay: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let peer: any Channel
    private let hold: TimeAmount

    init(peer: any Channel, hold: TimeAmount) {
        self.peer = peer
        self.hold = hold
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let chunk = unwrapInboundIn(data)
        let peer = self.peer
        // Tasks due at the same deadline run in the order they were scheduled, so chunks keep their order.
        context.eventLoop.scheduleTask(in: hold) { peer.writeAndFlush(chunk, promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let peer = self.peer
        context.eventLoop.scheduleTask(in: hold) { peer.close(promise: nil) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
