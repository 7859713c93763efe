import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request does not arrive whole within a deadline of its head.
///
/// Hummingbird's idle timer is pushed back by every part of a request, body parts included, and after answering
/// it goes on reading an unread body: a client that announces a large body and sends a byte a minute would hold
/// its connection for ever. None of the agent's endpoints takes a body, so a request still arriving after the
/// deadline is not a scrape.
final class RequestReadDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let deadline: TimeAmount
    private var expiry: Scheduled<Void>?

    /// A handler allowing each request `deadline` from its head to its end.
    init(deadline: TimeAmount) {
        self.deadline = deadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            expiry?.cancel()
            expiry = context.eventLoop.assumeIsolated().scheduleTask(in: deadline) {
                self.expiry = nil
                context.close(promise: nil)
            }
        case .body:
            break
        case .end:
            expiry?.cancel()
            expiry = nil
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        expiry?.cancel()
        expiry = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        expiry?.cancel()
        expiry = nil
    }
}
