import NIOCore

/// Runs a `ConnectionDialogue` on its connection's event loop: gives it the connection's bytes, handshakes and
/// ending, and does what it asks, until it finishes; then closes the connection and completes `done`.
///
/// Lives on the event loop only. An event that arrives while a call is running (a write that fails at once and
/// closes the channel) waits in a queue, so the dialogue is never re-entered.
final class DialogueDriver {
    private enum Event {
        case begin
        case received(ByteBuffer)
        case tlsStarted(Result<TLSSessionFacts, TransportError>)
        case ended(TransportError?)
        case resume
    }

    private let channel: any Channel
    private let dialogue: any ConnectionDialogue
    private let reader: ReadAheadHandler
    private let deadline: ContinuousClock.Instant
    private let done: EventLoopPromise<Void>
    private var pending = CircularBuffer<Event>()
    private var busy = false
    private var finished = false
    /// The resume a `.pause` scheduled, until it runs or is replaced or cancelled.
    private var resumption: Scheduled<Void>?

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
        handle(.begin)
        if !finished { reader.deliverBuffered() }
    }

    /// Plaintext from the reader.
    func received(_ bytes: ByteBuffer) { handle(.received(bytes)) }

    /// The inbound side ended (from the reader, or a failed write).
    func ended(_ error: TransportError?) { handle(.ended(error)) }

    /// Ends a running pause now, as if its time had come; nothing when the dialogue is not paused.
    func resumeEarly() {
        guard let resumption else { return }
        resumption.cancel()
        self.resumption = nil
        handle(.resume)
    }

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
            case .begin: perform(dialogue.begin())
            case .received(let bytes): perform(bytes.withUnsafeReadableBytes { dialogue.received($0) })
            case .tlsStarted(let outcome): perform(dialogue.tlsStarted(outcome))
            case .ended(let error): perform(dialogue.ended(error))
            case .resume:
                resumption = nil
                perform(dialogue.proceed())
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
            case .pause(let until):
                pause(until: until)
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

    /// Installs TLS in this turn of the loop (`OpenSSLHandler.startClient`); the outcome comes back as an event.
    private func startTLS(_ context: TLSClientContext) {
        let handshake = channel.eventLoop.makePromise(of: TLSSessionFacts.self)
        OpenSSLHandler.startClient(on: channel, after: reader, context: context, handshake: handshake)
        let me = NIOLoopBound(self, eventLoop: channel.eventLoop)
        handshake.futureResult.whenComplete { outcome in
            me.value.handle(.tlsStarted(outcome.mapError { me.value.mapped($0) }))
        }
    }

    /// Schedules `.resume` at `until` on the event loop, replacing a pause still running.
    private func pause(until: ContinuousClock.Instant) {
        resumption?.cancel()
        let wait = max(.zero, until - ContinuousClock.now)
        let nanoseconds = wait.components.seconds * 1_000_000_000 + wait.components.attoseconds / 1_000_000_000
        let me = NIOLoopBound(self, eventLoop: channel.eventLoop)
        resumption = channel.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            me.value.handle(.resume)
        }
    }

    private func finish() {
        resumption?.cancel()
        resumption = nil
        finished = true
        pending.removeAll()
        reader.detach()
        let done = self.done
        channel.close(promise: nil)
        channel.closeFuture.whenComplete { _ in done.succeed(()) }
    }

    private func mapped(_ error: any Error) -> TransportError {
        TransportError.fromChannelError(error, deadline: deadline)
    }
}
