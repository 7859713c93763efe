import NIOCore
import NIOPosix
import NIOConcurrencyHelpers

/// An in-process IMAP-speaking server on 127.0.0.1 whose every connection runs a test's script.
///
/// It exists for what a real server will not do: endless lines, huge literals, a slow drip, `BYE` mid-session,
/// plaintext injected after the STARTTLS OK, a reset in a chosen phase. Everything clients send is recorded.
final class ScriptedIMAPServer: Sendable {
    typealias Script = @Sendable (ScriptedConnection) async throws -> Void

    let port: Int
    private let serverChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let acceptTask: Task<Void, Never>
    private let log: ByteLog

    private init(
        port: Int,
        serverChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>,
        acceptTask: Task<Void, Never>,
        log: ByteLog
    ) {
        self.port = port
        self.serverChannel = serverChannel
        self.acceptTask = acceptTask
        self.log = log
    }

    /// Everything every client sent, concatenated, as text (invalid UTF-8 replaced).
    var receivedText: String {
        log.bytes.withLockedValue { String(decoding: $0, as: UTF8.self) }
    }

    /// Everything every client sent and a script has read, as bytes.
    var receivedBytes: [UInt8] {
        log.bytes.withLockedValue { $0 }
    }

    /// How many bytes all clients have sent so far, whether or not a script has read them yet.
    var arrivedByteCount: Int {
        log.arrived.withLockedValue { $0 }
    }

    /// Starts a server on an ephemeral loopback port; `script` runs once per accepted connection.
    static func start(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, script: @escaping Script)
        async throws -> ScriptedIMAPServer
    {
        let log = ByteLog()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ArrivalCounter(log: log))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        guard let port = channel.channel.localAddress?.port else {
            throw ScriptError("server has no port")
        }
        let task = Task {
            _ = try? await channel.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask {
                            try? await connection.executeThenClose { input, output in
                                let scripted = ScriptedConnection(
                                    channel: connection.channel, input: input, output: output, log: log)
                                try? await script(scripted)
                            }
                        }
                    }
                }
            }
        }
        return ScriptedIMAPServer(port: port, serverChannel: channel, acceptTask: task, log: log)
    }

    /// Stops accepting and closes the listening socket.
    func stop() async {
        try? await serverChannel.channel.close()
        acceptTask.cancel()
        _ = await acceptTask.value
    }
}

/// Every byte the server's clients sent.
final class ByteLog: Sendable {
    /// The bytes scripts have read so far.
    let bytes = NIOLockedValueBox<[UInt8]>([])
    /// How many bytes reached the server's sockets, read by a script or not.
    let arrived = NIOLockedValueBox(0)
}

/// Counts bytes as the socket delivers them, before a script reads them: lets a test see that a client waits.
final class ArrivalCounter: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let log: ByteLog

    init(log: ByteLog) {
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let count = unwrapInboundIn(data).readableBytes
        log.arrived.withLockedValue { $0 += count }
        context.fireChannelRead(data)
    }
}

/// One accepted connection, as a script sees it.
struct ScriptedConnection: Sendable {
    let channel: any Channel
    private let iterator: IteratorBox
    private let output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let log: ByteLog

    init(
        channel: any Channel,
        input: NIOAsyncChannelInboundStream<ByteBuffer>,
        output: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        log: ByteLog
    ) {
        self.channel = channel
        self.iterator = IteratorBox(input.makeAsyncIterator())
        self.output = output
        self.log = log
    }

    /// Sends `text` exactly as given (include the CRLF).
    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Sends raw bytes.
    func send(_ bytes: [UInt8]) async throws {
        try await output.write(ByteBuffer(bytes: bytes))
    }

    /// Reads the next CRLF-terminated line from the client, without the CRLF; `nil` when the client closed.
    func readLine() async throws -> String? {
        try await iterator.readLine(log: log)
    }

    /// Reads exactly `count` bytes (a literal), or `nil` when the client closed first.
    func read(count: Int) async throws -> [UInt8]? {
        try await iterator.read(count: count, log: log)
    }

    /// Reads a line and returns its tag (the first word), or `nil` when the client closed.
    func readTag() async throws -> String? {
        guard let line = try await readLine() else { return nil }
        return line.split(separator: " ", maxSplits: 1).first.map(String.init)
    }

    /// How many bytes all clients have sent so far, whether or not a script has read them yet.
    var arrivedByteCount: Int {
        log.arrived.withLockedValue { $0 }
    }

    /// Closes the connection with an RST instead of a FIN.
    func reset() async throws {
        guard let socket = channel as? any SocketOptionProvider else {
            throw ScriptError("the channel cannot set SO_LINGER")
        }
        try await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        try await channel.close()
    }

    /// Closes the connection normally.
    func close() async throws {
        try await channel.close()
    }
}

/// Holds the inbound iterator and the bytes read past the last line.
final class IteratorBox: @unchecked Sendable {
    // Used by one script task at a time.
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var pending: [UInt8] = []

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    func read(count: Int, log: ByteLog) async throws -> [UInt8]? {
        while pending.count < count {
            guard let chunk = try await iterator.next() else { return nil }
            let bytes = Array(chunk.readableBytesView)
            log.bytes.withLockedValue { $0.append(contentsOf: bytes) }
            pending.append(contentsOf: bytes)
        }
        defer { pending.removeFirst(count) }
        return Array(pending.prefix(count))
    }

    func readLine(log: ByteLog) async throws -> String? {
        while true {
            if let lf = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<lf])
                pending.removeSubrange(...lf)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard let chunk = try await iterator.next() else { return nil }
            let bytes = Array(chunk.readableBytesView)
            log.bytes.withLockedValue { $0.append(contentsOf: bytes) }
            pending.append(contentsOf: bytes)
        }
    }
}

/// A failure of the test server itself.
struct ScriptError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
