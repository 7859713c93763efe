import BenchSupport
import NIOCore
import NIOPosix

/// `count` dialogues one after another on one loop, each started when the last ends; made and used on the loop.
final class DialogueRun {
    private let count: Int
    private let loop: any EventLoop
    private let address: SocketAddress
    private let makeHandler: HandlerFactory
    private let done: EventLoopPromise<[Double]>
    private var walls: [Double] = []

    init(count: Int, loop: any EventLoop, address: SocketAddress, makeHandler: @escaping HandlerFactory) {
        self.count = count
        self.loop = loop
        self.address = address
        self.makeHandler = makeHandler
        done = loop.makePromise()
        walls.reserveCapacity(count)
    }

    /// Every dialogue's wall time in milliseconds, once all have ended.
    func start() -> EventLoopFuture<[Double]> {
        next()
        return done.futureResult
    }

    private func next() {
        guard walls.count < count else { return done.succeed(walls) }
        let began = ContinuousClock.now
        let finished = loop.makePromise(of: Void.self)
        let makeHandler = makeHandler
        ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(makeHandler(finished))
                }
            }
            .connect(to: address)
            .flatMap { _ in finished.futureResult }
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success:
                    self.walls.append(milliseconds(ContinuousClock.now - began))
                    self.next()
                case .failure(let error):
                    self.done.fail(error)
                }
            }
    }
}

/// Makes the handler that speaks one dialogue and completes the promise at its end.
typealias HandlerFactory = @Sendable (EventLoopPromise<Void>) -> any ChannelHandler

/// Runs `count` dialogues on `loop` and waits for them.
func dialogues(_ count: Int, on loop: any EventLoop, to address: SocketAddress, makeHandler: @escaping HandlerFactory)
    throws -> [Double]
{
    try loop.flatSubmit {
        DialogueRun(count: count, loop: loop, address: address, makeHandler: makeHandler).start()
    }.wait()
}
