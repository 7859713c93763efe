import COpenSSL
import NIOCore
import NIOPosix
@testable import Transport

/// Our client handler on a bare NIO channel, to see what `TransportConnection` does not show: how the server
/// ended the TLS stream.
struct TLSTestClient: Sendable {
    /// How the connection ended, seen from above the client's TLS handler.
    struct Ending: Sendable {
        /// The plaintext received.
        var received: String
        /// The errors the TLS handler passed up.
        var errors: [String]
        /// Whether the server's close_notify had arrived when the connection closed.
        var closeNotifyReceived: Bool
    }

    /// The connection; the TLS handler is first in its pipeline.
    let channel: any Channel
    /// Completed once the connection has closed (by itself, or 10 s after it opened).
    let ending: EventLoopFuture<Ending>

    /// Connects to 127.0.0.1:`port` and completes a handshake, verifying `localhost` against `caFile`.
    static func connect(port: Int, caFile: String) async throws -> TLSTestClient {
        try await connect(port: port, caFile: caFile) { _, _ in }.client
    }

    /// `connect(port:caFile:)`, running `whileHandshaking` on the event loop right after the handshake started
    /// (no answer from the server can have arrived yet), and returning what it returned.
    static func connect<Value: Sendable>(
        port: Int,
        caFile: String,
        whileHandshaking: @escaping @Sendable (OpenSSLHandler, any Channel) -> Value
    ) async throws -> (client: TLSTestClient, value: Value) {
        let context = try TLSClientContext(.forHost("localhost", caFile: caFile))
        let channel = try await ClientBootstrap(group: TestHelpers.group)
            .connect(host: "127.0.0.1", port: port).get()
        channel.eventLoop.scheduleTask(in: .seconds(10)) { channel.close(promise: nil) }
        let (handshake, ending, value) = try await channel.eventLoop.submit {
            let handshake = channel.eventLoop.makePromise(of: TLSSessionFacts.self)
            let ending = channel.eventLoop.makePromise(of: Ending.self)
            let tls = try OpenSSLHandler(context: context, handshakePromise: handshake)
            try channel.pipeline.syncOperations.addHandler(tls)
            try channel.pipeline.syncOperations.addHandler(Recorder(tls: tls, ending: ending))
            return (handshake.futureResult, ending.futureResult, whileHandshaking(tls, channel))
        }.get()
        _ = try await handshake.get()
        return (TLSTestClient(channel: channel, ending: ending), value)
    }

    /// Sends `text` and flushes.
    func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Records what passes above the TLS handler and completes `ending` when the connection closes.
    private final class Recorder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer

        let tls: OpenSSLHandler
        let ending: EventLoopPromise<Ending>
        var received = ""
        var errors: [String] = []

        init(tls: OpenSSLHandler, ending: EventLoopPromise<Ending>) {
            self.tls = tls
            self.ending = ending
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += String(buffer: unwrapInboundIn(data))
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            errors.append("\(error)")
        }

        /// Called after the close, once the event loop turn that closed the channel is over: every error the
        /// handler fired in that turn is in.
        func handlerRemoved(context: ChannelHandlerContext) {
            let closeNotify = (SSL_get_shutdown(tls.ssl) & SSL_RECEIVED_SHUTDOWN) != 0
            ending.succeed(Ending(received: received, errors: errors, closeNotifyReceived: closeNotify))
        }
    }
}
