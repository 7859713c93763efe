import NIOCore

/// A server's last handler: answers the first plaintext it reads with "bye\n", then closes with `mode`.
final class ReplyThenCloseHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let mode: CloseMode

    init(_ mode: CloseMode) {
        self.mode = mode
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "bye\n")), promise: nil)
        context.close(mode: mode, promise: nil)
    }
}
