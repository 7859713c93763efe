import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// One TCP connection with an overall deadline, optionally upgraded to TLS in place.
///
/// Every `read`, `write` and `startTLS` fails with `.timeout` once the deadline passes: at the deadline the
/// channel is closed on its event loop, so a silent or dripping server cannot hold a caller longer.
/// Inbound bytes are read ahead into a bounded buffer (`readAheadLimit`); calls to `read()` must not overlap.
public final class TransportConnection: Sendable {
    /// How many unread bytes the connection buffers before it stops reading from the socket.
    public static let defaultReadAheadLimit = 256 * 1024

    /// The address this connection is open to.
    public let connectedAddress: ResolvedAddress
    /// The deadline after which every operation fails with `.timeout`.
    public let deadline: ContinuousClock.Instant

    private let channel: any Channel
    private let reader: NIOLoopBound<ReadAheadHandler>
    private let buffered: NIOLockedValueBox<Int>

    private init(
        channel: any Channel,
        reader: NIOLoopBound<ReadAheadHandler>,
        buffered: NIOLockedValueBox<Int>,
        connectedAddress: ResolvedAddress,
        deadline: ContinuousClock.Instant
    ) {
        self.channel = channel
        self.reader = reader
        self.buffered = buffered
        self.connectedAddress = connectedAddress
        self.deadline = deadline
    }

    /// Plaintext bytes received and not yet returned by `read()`.
    public var bufferedByteCount: Int {
        buffered.withLockedValue { $0 }
    }

    /// Tries each address in order until one accepts, each attempt bounded by the time left until `deadline`.
    ///
    /// Returns the open connection and a report naming the address used and every failed attempt. Throws
    /// `.connectRefused`, `.connectTimeout` or `.connectFailed` (the message lists every attempt) when none
    /// answers, and `.connectTimeout` when the deadline passes first. With `acknowledgingAtOnce` every segment
    /// received is acknowledged at once (`QuickAckHandler`), for a peer that writes with Nagle's algorithm on.
    public static func connect(
        to addresses: [ResolvedAddress],
        deadline: ContinuousClock.Instant,
        group: any EventLoopGroup,
        readAheadLimit: Int = defaultReadAheadLimit,
        acknowledgingAtOnce: Bool = false
    ) async throws(TransportError) -> (TransportConnection, ConnectReport) {
        guard !addresses.isEmpty else {
            throw TransportError(.connectFailed, "no addresses to connect to")
        }
        var failures: [ConnectAttempt] = []
        for (index, address) in addresses.enumerated() {
            let remaining = Deadline.remaining(until: deadline)
            guard remaining > .zero else { break }
            let started = ContinuousClock.now
            do {
                let connection = try await attempt(
                    address, timeout: attemptBudget(remaining: remaining, addressesLeft: addresses.count - index),
                    deadline: deadline, group: group, readAheadLimit: readAheadLimit,
                    acknowledgingAtOnce: acknowledgingAtOnce)
                let report = ConnectReport(
                    connectedAddress: address, failedAttempts: failures, connectDuration: .now - started)
                return (connection, report)
            } catch {
                failures.append(ConnectAttempt(address: address, error: error, duration: .now - started))
            }
        }
        throw summary(of: failures, addresses: addresses, deadline: deadline)
    }

    /// Returns the next chunk of (plaintext) bytes, waiting for one; nil once the peer has closed.
    public func read() async throws(TransportError) -> [UInt8]? {
        try checkDeadline()
        let promise = channel.eventLoop.makePromise(of: ByteBuffer?.self)
        let reader = self.reader
        if channel.eventLoop.inEventLoop {
            reader.value.nextChunk(promise)
        } else {
            channel.eventLoop.execute {
                reader.value.nextChunk(promise)
            }
        }
        do {
            guard var chunk = try await wait(promise.futureResult) else { return nil }
            return chunk.readBytes(length: chunk.readableBytes) ?? []
        } catch {
            throw mapped(error)
        }
    }

    /// Sends `bytes` (encrypted once TLS is on), returning when the socket took them.
    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try checkDeadline()
        let buffer = channel.allocator.buffer(bytes: bytes)
        do {
            try await wait(channel.writeAndFlush(buffer))
        } catch {
            throw mapped(error)
        }
    }

    /// Starts TLS on this connection in place (right after connect for implicit TLS, or after a STARTTLS OK).
    ///
    /// Fails with `.plaintextAfterStartTLS` if any plaintext was received and not yet consumed by `read()`
    /// (STARTTLS injection), `.tlsHandshakeFailed` with OpenSSL's reason, or `.timeout` at the deadline.
    /// Verification problems do not fail the handshake: they are reported in the returned facts.
    public func startTLS(_ configuration: TLSClientConfiguration) async throws(TransportError) -> TLSSessionFacts {
        try await startTLS(context: TLSClientContext(configuration))
    }

    /// `startTLS(_:)` with a prepared context, which many connections may share.
    public func startTLS(context: TLSClientContext) async throws(TransportError) -> TLSSessionFacts {
        try checkDeadline()
        let promise = channel.eventLoop.makePromise(of: TLSSessionFacts.self)
        let reader = self.reader
        let channel = self.channel
        channel.eventLoop.execute {
            OpenSSLHandler.startClient(on: channel, after: reader.value, context: context, handshake: promise)
        }
        do {
            return try await wait(promise.futureResult)
        } catch {
            throw mapped(error)
        }
    }

    /// Runs `dialogue` on the connection's event loop until it finishes, then closes the connection and returns.
    ///
    /// From here on the dialogue, not `read()`, takes the connection's bytes; the deadline ends it with `.timeout`
    /// and cancelling the calling task closes the connection, which ends it too. The dialogue is touched on the
    /// event loop only until this returns: its state may be read once it has.
    public func converse(_ dialogue: some ConnectionDialogue & Sendable) async {
        let done = channel.eventLoop.makePromise(of: Void.self)
        let channel = self.channel
        let reader = self.reader
        let deadline = self.deadline
        let start: @Sendable () -> Void = {
            DialogueDriver(channel: channel, dialogue: dialogue, reader: reader.value, deadline: deadline, done: done)
                .start()
        }
        if channel.eventLoop.inEventLoop {
            start()
        } else {
            channel.eventLoop.execute(start)
        }
        await withTaskCancellationHandler {
            try? await done.futureResult.get()
        } onCancel: {
            channel.eventLoop.execute {
                reader.value.fail(with: TransportError(.cancelled, "the probe was cancelled before it ended"))
                channel.close(promise: nil)
            }
        }
    }

    /// Ends the dialogue's pause now, as if its time had come (its `proceed()` is called), from any thread; nothing
    /// when it is not paused. For a dialogue waiting on something else than the connection (another session).
    public func resumeEarly() {
        let reader = self.reader
        channel.eventLoop.execute { reader.value.resumeDialogueEarly() }
    }

    /// Closes the connection (sending TLS close_notify first when TLS is on); safe to call more than once.
    public func close() async {
        try? await channel.close().get()
    }

    // MARK: Helpers

    /// How long one connect attempt may take: an equal share of the time left among the addresses not yet tried
    /// (at least 250 ms, RFC 8305's attempt delay), so one address that never answers (a broken IPv6 route, say)
    /// cannot use up the deadline before the others are tried.
    static func attemptBudget(remaining: Duration, addressesLeft: Int) -> Duration {
        guard addressesLeft > 1 else { return remaining }
        return min(remaining, max(.milliseconds(250), remaining / addressesLeft))
    }

    private static func attempt(
        _ address: ResolvedAddress,
        timeout: Duration,
        deadline: ContinuousClock.Instant,
        group: any EventLoopGroup,
        readAheadLimit: Int,
        acknowledgingAtOnce: Bool
    ) async throws(TransportError) -> TransportConnection {
        let socketAddress = try address.socketAddress
        guard let bootstrap = ClientBootstrap(validatingGroup: group) else {
            throw TransportError(.connectFailed, "the event loop group is not a NIOPosix group")
        }
        let buffered = NIOLockedValueBox(0)
        let installed = NIOLockedValueBox<NIOLoopBound<ReadAheadHandler>?>(nil)
        let channel: any Channel
        do {
            channel = try await bootstrap
                .connectTimeout(Deadline.timeAmount(timeout))
                .channelOption(ChannelOptions.autoRead, value: false)
                .channelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = ReadAheadHandler(limit: readAheadLimit, counter: buffered)
                        if acknowledgingAtOnce {
                            try channel.pipeline.syncOperations.addHandler(QuickAckHandler())
                        }
                        try channel.pipeline.syncOperations.addHandler(handler)
                        installed.withLockedValue { $0 = NIOLoopBound(handler, eventLoop: channel.eventLoop) }
                    }
                }
                .connect(to: socketAddress)
                .get()
        } catch {
            throw TransportError.fromConnectError(error)
        }
        guard let reader = installed.withLockedValue({ $0 }) else {
            channel.close(promise: nil)
            throw TransportError(.connectFailed, "the connection's read buffer was not installed")
        }
        let expiry = channel.eventLoop.scheduleTask(deadline: Deadline.nio(deadline)) {
            reader.value.fail(with: TransportError(.timeout, "the deadline passed"))
            channel.close(promise: nil)
        }
        channel.closeFuture.whenComplete { _ in expiry.cancel() }
        return TransportConnection(
            channel: channel, reader: reader, buffered: buffered, connectedAddress: address, deadline: deadline)
    }

    private static func summary(
        of failures: [ConnectAttempt],
        addresses: [ResolvedAddress],
        deadline: ContinuousClock.Instant
    ) -> TransportError {
        var parts = failures.map { "\($0.address): \($0.error.message)" }
        let untried = addresses.dropFirst(failures.count)
        if !untried.isEmpty {
            parts.append("deadline passed before trying \(untried.map(\.description).joined(separator: ", "))")
        }
        let message = parts.joined(separator: "; ")
        if Deadline.hasPassed(deadline) || failures.isEmpty {
            return TransportError(.connectTimeout, message)
        }
        let code = failures.allSatisfy { $0.error.code == .connectRefused } ? .connectRefused : failures[failures.count - 1].error.code
        return TransportError(code, message)
    }

    private func checkDeadline() throws(TransportError) {
        if Deadline.hasPassed(deadline) {
            throw TransportError(.timeout, "the deadline passed")
        }
    }

    private func mapped(_ error: any Error) -> TransportError {
        TransportError.fromChannelError(error, deadline: deadline)
    }

    /// Awaits `future`; cancelling the task closes the connection so the wait ends.
    private func wait<Value: Sendable>(_ future: EventLoopFuture<Value>) async throws -> Value {
        let channel = self.channel
        return try await withTaskCancellationHandler {
            try await future.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}
