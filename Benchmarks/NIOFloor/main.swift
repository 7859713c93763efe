// What SwiftNIO costs by itself: the plaintext dialogue of `CProbeClient --tls none` (greeting, N-1 NOOPs, LOGOUT)
// spoken through NIO alone, with nothing of imapwatch linked (scripts/bench.sh). Two ways, one event-loop thread:
// - `--api futures`: NIO at its cheapest, futures and a channel handler, no async/await; each dialogue starts the
//   next from the loop, and the main thread waits once for the whole run, so no probe wakes another thread. Its CPU
//   per dialogue over the C client's, in the same run, is what any client built on NIO pays.
// - `--api async`: NIO's own async/await interface (`NIOAsyncChannel`), as a dialogue written as a sequence of awaits
//   uses it: one task for the run that prefers the loop as its executor (so awaits resume on the loop's thread), a
//   write and an awaited read per command. Its cost over `futures` is what speaking through async/await costs.
//
// - `--tls implicit|starttls` (futures only): the C client's full probe, TLS and all, by one channel handler over
//   OpenSSL with memory BIOs (TLSDialogueHandler): the floor under imapwatch's probe on this stack, with none of
//   imapwatch's code, async/await or thread hops.
//
//   NIOFloor --host H --port P [--api futures|async] [--commands 7] [--count 200] [--warmup 1]
//   NIOFloor --host H --port P --tls implicit|starttls --ca-file CA --user U --password-file F [--count 200] [--warmup 1]
//
// Prints the line CProbeClient prints; exits 1 on the first failed dialogue.
import COpenSSL
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String, code: Int32 = 1) -> Never {
    let line = Array("NIOFloor: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(code)
}

struct Options {
    var host = "127.0.0.1"
    var port = 143
    var commands = 7
    var count = 200
    var warmup = 1
    var async = false
    /// "none", "implicit" or "starttls".
    var tls = "none"
    var caFile: String?
    var user: String?
    var passwordFile: String?
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var rest = arguments[...]
    func number(_ text: String, _ flag: String, minimum: Int) -> Int {
        guard let value = Int(text), value >= minimum else { fail("bad \(flag) \(text)", code: 64) }
        return value
    }
    while let flag = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(flag) needs a value", code: 64) }
        switch flag {
        case "--host": options.host = value
        case "--port": options.port = number(value, flag, minimum: 1)
        case "--commands": options.commands = number(value, flag, minimum: 1)
        case "--count": options.count = number(value, flag, minimum: 1)
        case "--warmup": options.warmup = number(value, flag, minimum: 0)
        case "--tls":
            guard ["none", "implicit", "starttls"].contains(value) else { fail("bad --tls \(value)", code: 64) }
            options.tls = value
        case "--ca-file": options.caFile = value
        case "--user": options.user = value
        case "--password-file": options.passwordFile = value
        case "--api":
            guard value == "futures" || value == "async" else { fail("bad --api \(value): futures or async", code: 64) }
            options.async = value == "async"
        default:
            fail(
                "unknown option \(flag); usage: NIOFloor --host H --port P [--api futures|async] [--commands 7]"
                    + " [--count 200] [--warmup 1] [--tls implicit|starttls --ca-file CA --user U --password-file F]",
                code: 64)
        }
    }
    return options
}

/// One dialogue: reads the greeting, sends a NOOP per tagged OK until the LOGOUT, then closes.
final class DialogueHandler: ChannelInboundHandler {
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

struct Failure: Error, CustomStringConvertible {
    var description: String
}

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

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

func processCPUMilliseconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
    return ms(usage.ru_utime) + ms(usage.ru_stime)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let loop = group.next()
let address: SocketAddress
do {
    address = try SocketAddress(ipAddress: options.host, port: options.port)
} catch {
    fail("--host must be an IP address: \(error)", code: 64)
}
/// Every dialogue's wall time in ms, by the API asked for.
func run(_ count: Int) async throws -> [Double] {
    if options.async {
        return try await asyncDialogues(count, on: loop, to: address, commands: options.commands)
    }
    return try dialogues(count, on: loop, to: address, makeHandler: handlerFactory)
}

/// The handler for each futures dialogue: plaintext NOOPs, or the full probe over TLS.
let handlerFactory: HandlerFactory = {
    let commands = options.commands
    guard options.tls != "none" else { return { DialogueHandler(commands: commands, finished: $0) } }
    guard !options.async, let caFile = options.caFile, let user = options.user, let passwordFile = options.passwordFile
    else { fail("--tls needs --ca-file, --user and --password-file, and the futures API", code: 64) }
    let tls: TLSFloorContext
    do {
        tls = try TLSFloorContext(caFile: caFile)
    } catch {
        fail("\(error)")
    }
    let plain = saslPlain(user: user, password: readPassword(passwordFile))
    let host = options.host
    let startsInPlaintext = options.tls == "starttls"
    return {
        TLSDialogueHandler(tls: tls, host: host, startsInPlaintext: startsInPlaintext, plain: plain, finished: $0)
    }
}()

/// The file's first line.
func readPassword(_ path: String) -> String {
    guard let file = fopen(path, "r") else { fail("cannot read \(path)") }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    guard fgets(&line, Int32(line.count), file) != nil else { return "" }
    var text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
    return text
}

/// RFC 4616: NUL user NUL password, base64 (OpenSSL's encoder, as the C client's).
func saslPlain(user: String, password: String) -> String {
    let message = [0] + Array(user.utf8) + [0] + Array(password.utf8)
    var encoded = [UInt8](repeating: 0, count: (message.count + 2) / 3 * 4 + 1)
    let length = EVP_EncodeBlock(&encoded, message, Int32(message.count))
    return String(decoding: encoded.prefix(Int(length)), as: UTF8.self)
}

do {
    _ = try await run(options.warmup)
    let cpuBefore = processCPUMilliseconds()
    let wallBefore = ContinuousClock.now
    let walls = try await run(options.count).sorted()
    let wallTotal = milliseconds(ContinuousClock.now - wallBefore)
    let cpuTotal = processCPUMilliseconds() - cpuBefore
    func fixed(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
    print(
        "io=nio-\(options.async ? "async" : "futures") tls=\(options.tls) port=\(options.port) probes=\(options.count)"
            + " (all ok, +\(options.warmup) warm-up)"
            + " cpu_ms_per_probe=\(fixed(cpuTotal / Double(options.count))) wall_ms_median=\(fixed(percentile(walls, 0.5)))"
            + " wall_ms_p90=\(fixed(percentile(walls, 0.9))) cpu_ms_total=\(fixed(cpuTotal))"
            + " wall_ms_total=\(fixed(wallTotal))")
} catch {
    fail("dialogue failed: \(error)")
}
try? await group.shutdownGracefully()
