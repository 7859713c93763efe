import NIOCore

/// One dialogue: reads the greeting, sends a NOOP per tagged OK until the LOGOUT, then closes.
final class PlainDialogueHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let commands: Int
    private let finished: EventLoopPromise<Void>
    private var received: ByteBuffer?
    private var sent = 0
    private var greeted = false

    init(commands: Int, finished: EventLoopPromise<Void>) {
        self.commands = commands
        self.finished = finished
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        received.setOrWriteBuffer(&chunk)
        while let line = nextLine() {
            if !greeted {
                guard line.starts(with: "* OK".utf8) else { return failed(context, "greeting: \(text(line))") }
                greeted = true
                send(context)
            } else if line.starts(with: "* ".utf8) {
                continue
            } else {
                let tag = Array("A\(sent) ".utf8)
                guard line.starts(with: tag), line.dropFirst(tag.count).starts(with: "OK".utf8) else {
                    return failed(context, "answer: \(text(line))")
                }
                if sent == commands {
                    finished.succeed(())  // before the close, whose channelInactive would fail it
                    context.close(promise: nil)
                    return
                }
                send(context)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finished.fail(ChannelError.eof)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finished.fail(error)
        context.close(promise: nil)
    }

    private func send(_ context: ChannelHandlerContext) {
        sent += 1
        let line = sent == commands ? "A\(sent) LOGOUT\r\n" : "A\(sent) NOOP\r\n"
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: line)), promise: nil)
    }

    private func nextLine() -> [UInt8]? {
        guard var buffer = received,
            let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
            let line = buffer.readBytes(length: newline - buffer.readerIndex + 1)
        else { return nil }
        received = buffer
        return line
    }

    private func text(_ line: [UInt8]) -> String { String(decoding: line.prefix(200), as: UTF8.self) }

    private func failed(_ context: ChannelHandlerContext, _ reason: String) {
        finished.fail(Failure(description: reason))  // first: the close's channelInactive would fail it as EOF
        context.close(promise: nil)
    }
}
