import NIOCore
import NIOConcurrencyHelpers

/// The errors that reached a point of a pipeline, in order, as text; shared between event loops and the test.
final class ErrorLog: Sendable {
    private let messages = NIOLockedValueBox<[String]>([])

    /// Everything recorded so far.
    var entries: [String] { messages.withLockedValue { $0 } }

    /// An inbound handler that records each error it sees here and passes it on.
    func recorder() -> some ChannelInboundHandler { Recorder(log: self) }

    fileprivate func append(_ message: String) {
        messages.withLockedValue { $0.append(message) }
    }

    private final class Recorder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let log: ErrorLog

        init(log: ErrorLog) {
            self.log = log
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            log.append("\(error)")
            context.fireErrorCaught(error)
        }
    }
}
