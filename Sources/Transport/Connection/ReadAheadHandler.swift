import NIOConcurrencyHelpers
import NIOCore

/// The last inbound handler of a connection: a bounded read-ahead buffer of chunks that `read()` consumes.
///
/// The channel runs with `autoRead` off; this handler asks for more bytes only while it holds fewer than
/// `limit` bytes, so a peer that streams endlessly is held back by TCP flow control instead of memory.
/// Reading ahead (rather than only on demand) is what lets STARTTLS see plaintext that arrived early. Once a
/// dialogue is attached (`TransportConnection.converse`), every chunk goes to it as it arrives instead.
final class ReadAheadHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// How the inbound side ended.
    private enum Ending {
        case endOfFile
        case failed(TransportError)

        /// What a dialogue is told: nil for the peer's close.
        var error: TransportError? {
            switch self {
            case .endOfFile: nil
            case .failed(let error): error
            }
        }
    }

    private let limit: Int
    private let counter: NIOLockedValueBox<Int>
    private var chunks = CircularBuffer<ByteBuffer>()
    private var bufferedBytes = 0
    private var ending: Ending?
    private var waiter: EventLoopPromise<ByteBuffer?>?
    private var context: ChannelHandlerContext?
    /// The dialogue that takes every chunk as it arrives, instead of `read()` calls.
    private var dialogue: DialogueDriver?

    /// A buffer that reads ahead up to `limit` bytes and publishes its fill level in `counter`.
    init(limit: Int, counter: NIOLockedValueBox<Int>) {
        self.limit = limit
        self.counter = counter
    }

    /// Bytes received and not yet handed to a reader.
    var unconsumedByteCount: Int { bufferedBytes }

    /// Whether the inbound side has ended (EOF, error or deadline).
    var hasEnded: Bool { ending != nil }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        requestMoreIfRoom()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        end(.endOfFile)
    }

    func channelActive(context: ChannelHandlerContext) {
        requestMoreIfRoom()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let chunk = unwrapInboundIn(data)
        guard chunk.readableBytes > 0, ending == nil else { return }
        if let dialogue, chunks.isEmpty {
            dialogue.received(chunk)
        } else if let waiter {
            self.waiter = nil
            waiter.succeed(chunk)
        } else {
            chunks.append(chunk)
            bufferedBytes += chunk.readableBytes
            publish()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        requestMoreIfRoom()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(.endOfFile)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end(.failed(TransportError.fromChannelError(error)))
        context.close(promise: nil)
    }

    /// Hands the next chunk to `promise`: at once if one is buffered, else when one arrives; nil at EOF.
    func nextChunk(_ promise: EventLoopPromise<ByteBuffer?>) {
        if let chunk = chunks.popFirst() {
            bufferedBytes -= chunk.readableBytes
            publish()
            promise.succeed(chunk)
            requestMoreIfRoom()
            return
        }
        switch ending {
        case .endOfFile:
            promise.succeed(nil)
        case .failed(let error):
            promise.fail(error)
        case nil:
            if let previous = waiter {
                previous.fail(TransportError(.ioError, "concurrent read() calls on one connection"))
            }
            waiter = promise
            requestMoreIfRoom()
        }
    }

    /// Sends every chunk and the ending to `driver` from now on, rather than to `nextChunk(_:)` callers. Chunks
    /// read ahead before stay until `deliverBuffered()`, so that a STARTTLS right away still sees them.
    func attach(_ driver: DialogueDriver) {
        dialogue = driver
    }

    /// Hands `attach`'s driver the chunks read ahead before it came, then the ending if there was one.
    func deliverBuffered() {
        while let dialogue, let chunk = chunks.popFirst() {
            bufferedBytes -= chunk.readableBytes
            publish()
            dialogue.received(chunk)
        }
        if let dialogue, chunks.isEmpty, let ending {
            dialogue.ended(ending.error)
        }
        requestMoreIfRoom()
    }

    /// Stops sending to the driver (its dialogue has finished).
    func detach() {
        dialogue = nil
    }

    /// Fails every present and future read with `error` and drops what is buffered (used at the deadline).
    func fail(with error: TransportError) {
        chunks.removeAll()
        bufferedBytes = 0
        publish()
        ending = .failed(error)
        waiter?.fail(error)
        waiter = nil
        dialogue?.ended(error)
    }

    private func end(_ reason: Ending) {
        guard ending == nil else { return }
        ending = reason
        if let dialogue, chunks.isEmpty {
            dialogue.ended(reason.error)
        }
        guard let waiter, chunks.isEmpty else { return }
        self.waiter = nil
        switch reason {
        case .endOfFile: waiter.succeed(nil)
        case .failed(let error): waiter.fail(error)
        }
    }

    private func requestMoreIfRoom() {
        guard let context, ending == nil, bufferedBytes < limit, context.channel.isActive else { return }
        context.read()
    }

    private func publish() {
        let value = bufferedBytes
        counter.withLockedValue { $0 = value }
    }

    /// Ends the attached dialogue's pause now (`DialogueDriver.resumeEarly`).
    func resumeDialogueEarly() {
        dialogue?.resumeEarly()
    }
}
