import BenchSupport
import NIOCore
import NIOPosix

/// A task executor that runs every job on one event loop, so a task preferring it resumes on the loop's thread.
final class LoopExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The same dialogue through `NIOAsyncChannel`: awaits a chunk at a time until each line it needs has come.
func asyncDialogue(on loop: any EventLoop, to address: SocketAddress, commands: Int) async throws {
    let channel = try await ClientBootstrap(group: loop)
        .channelOption(.socketOption(.tcp_nodelay), value: 1)
        .connect(to: address) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    try await channel.executeThenClose { inbound, outbound in
        var chunks = inbound.makeAsyncIterator()
        var received = ByteBuffer()
        /// The next whole line, reading more until it has come.
        func line() async throws -> ByteBufferView {
            while true {
                if let newline = received.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
                    let line = received.readSlice(length: newline - received.readerIndex + 1)
                {
                    return line.readableBytesView
                }
                guard var chunk = try await chunks.next() else { throw ChannelError.eof }
                received.writeBuffer(&chunk)
            }
        }
        guard try await line().starts(with: "* OK".utf8) else { throw Failure(description: "greeting") }
        for number in 1...commands {
            let tag = "A\(number) "
            try await outbound.write(ByteBuffer(string: tag + (number == commands ? "LOGOUT\r\n" : "NOOP\r\n")))
            while true {
                let answer = try await line()
                if answer.starts(with: "* ".utf8) { continue }
                guard answer.starts(with: tag.utf8), answer.dropFirst(tag.utf8.count).starts(with: "OK".utf8) else {
                    throw Failure(description: "answer: \(String(decoding: answer.prefix(200), as: UTF8.self))")
                }
                break
            }
        }
    }
}

/// Runs `count` async dialogues one after another in one task on `loop`'s executor; their wall times in ms.
func asyncDialogues(_ count: Int, on loop: any EventLoop, to address: SocketAddress, commands: Int) async throws
    -> [Double]
{
    try await withTaskExecutorPreference(LoopExecutor(loop)) {
        var walls: [Double] = []
        for _ in 0..<count {
            let began = ContinuousClock.now
            try await asyncDialogue(on: loop, to: address, commands: commands)
            walls.append(milliseconds(ContinuousClock.now - began))
        }
        return walls
    }
}
