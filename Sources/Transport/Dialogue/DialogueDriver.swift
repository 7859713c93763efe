import NIOCore

/// Runs a `ConnectionDialogue` on its connection's event loop: gives it the connection's bytes, handshakes and
/// ending, and does what it asks, until it finishes; then closes the connection and completes `done`.
///
/// Lives on the event loop only. An event that arrives while a call is running (a write that fails at once and
/// closes the channel) waits in a queue, so the dialogue is never re-entered.
final class DialogueDriver {
    private enum Event {
        case received(ByteBuffer)
        case tlsStarted(Result<TLSSessionFacts, TransportError>)
        case ended(TransportError?)
    }

    private let channel: any Channel
    private let dialogue: any ConnectionDialogue
    private let reader: ReadAheadHandler
    private let deadline: ContinuousClock.Instant
    private let done: EventLoopPromise<Void>
    private var pending = CircularBuffer<Event>()
    private var busy = false
    private var finished = false

    init(
        channel: any Channel, dialogue: any ConnectionDialogue, reader: ReadAheadHandler,
        deadline: ContinuousClock.Instant, done: EventLoopPromise<Void>
    ) {
        self.channel = channel
        self.dialogue = dialogue
        self.reader = reader
        self.deadline = deadline
        self.done = done
    }

    /// Starts the dialogue, then hands it what the connection read ahead before it was attached.
    func start() {
        reader.attach(self)
        busy = true
        perform(dialogue.begin())
        busy = false
        drainPending()
        if !finished { reader.deliverBuffered() }
    }

    /// Plaintext from the reader.
    func received(_ bytes: ByteBuffer) { handle(.received(bytes)) }

    /// The inbound side ended (from the reader, or a failed write).
    func ended(_ error: TransportError?) { handle(.ended(error)) }

    private func handle(_ event: Event) {
        guard !finished else { return }
        pending.append(event)
        guard !busy else { return }
        drainPending()
    }

    private func drainPending() {
        busy = true
        defer { busy = false }
        while !finished, let event = pending.popFirst() {
            switch event {
            case .received(let bytes): perform(bytes.withUnsafeReadableBytes { dialogue.received($0) })
            case .tlsStarted(let outcome): perform(dialogue.tlsStarted(outcome))
            case .ended(let error): perform(dialogue.ended(error))
            }
        }
    }

    private func perform(_ first: DialogueAction) {
        var action = first
        while !finished {
            switch action {
            case .wait:
                return
            case .send(let bytes):
                write(bytes)
                action = dialogue.proceed()
            case .startTLS(let context):
                startTLS(context)
                return
            case .finish:
                finish()
                return
            }
        }
    }

    private func write(_ bytes: [UInt8]) {
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: written)
        let me = NIOLoopBound(self, eventLoop: channel.eventLoop)
        written.futureResult.whenFailure { error in
            me.value.ended(me.value.mapped(error))
        }
    }

    /// Checks and installs TLS in one turn of the loop, so no plaintext byte can slip in between.
    private func startTLS(_ context: TLSClientContext) {
        let me = NIOLoopBound(self, eventLoop: channel.eventLoop)
        let unconsumed = reader.unconsumedByteCount
        guard unconsumed == 0 else {
            let error = TransportError(
                .plaintextAfterStartTLS,
                "\(unconsumed) bytes of plaintext arrived before the TLS handshake (possible STARTTLS injection)")
            handle(.tlsStarted(.failure(error)))
            return
        }
        guard !reader.hasEnded, channel.isActive else {
            handle(.tlsStarted(.failure(TransportError(.connectionClosed, "connection closed before the TLS handshake"))))
            return
        }
        let handshake = channel.eventLoop.makePromise(of: TLSSessionFacts.self)
        do {
            let handler = try OpenSSLHandler(context: context, handshakePromise: handshake)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        } catch {
            handshake.fail(error)
        }
        handshake.futureResult.whenComplete { outcome in
            me.value.handle(.tlsStarted(outcome.mapError { me.value.mapped($0) }))
        }
    }

    private func finish() {
        finished = true
        pending.removeAll()
        reader.detach()
        let done = self.done
        channel.close(promise: nil)
        channel.closeFuture.whenComplete { _ in done.succeed(()) }
    }

    private func mapped(_ error: any Error) -> TransportError {
        if Deadline.hasPassed(deadline) {
            return TransportError(.timeout, "the deadline passed")
        }
        return TransportError.fromChannelError(error)
    }
}
