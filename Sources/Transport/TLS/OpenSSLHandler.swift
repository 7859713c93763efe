import COpenSSL
import NIOCore

/// A NIO TLS handler over OpenSSL with two memory BIOs, ciphertext below, plaintext above: the client side of
/// a probe, or the server side of the daemon's own HTTP endpoints. One BIO pump serves both roles; only the
/// `SSL` setup differs.
///
/// Client: add it at `position: .first` on a live channel (implicit TLS right after connect, or STARTTLS in
/// place); it starts the handshake at once and completes `handshakePromise` with the session's facts, or fails
/// it with `.tlsHandshakeFailed` and OpenSSL's error text (plus the alert sent or received). Certificate
/// verification is recorded, never enforced: the caller decides from `TLSSessionFacts.verification`.
///
/// Server: add it first in an accepted child channel's pipeline; it waits for the ClientHello, and a failed
/// handshake, or one not complete within `handshakeTimeout`, is fired as an error and closes the connection.
/// Plaintext reaches the handlers above only after the handshake.
final class OpenSSLHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case idle
        case handshaking
        case active
        case closing
        case closed
    }

    /// The context the `SSL` was made from, kept alive as long as the `SSL` (`TLSClientContext` or `TLSServerContext`).
    private let contextOwner: AnyObject
    /// The session; internal for the extensions in other files, and for tests, which read (and provoke) its state.
    let ssl: OpaquePointer
    private let readBIO: OpaquePointer
    private let writeBIO: OpaquePointer
    private var state = State.idle
    private var handshakePromise: EventLoopPromise<TLSSessionFacts>?
    private var pendingWrites = CircularBuffer<(ByteBuffer, EventLoopPromise<Void>?)>()
    /// How long a server handshake may take from its start; nil for a client, whose caller keeps its own deadlines.
    private let handshakeTimeout: TimeAmount?
    /// The pending end of `handshakeTimeout`, cancelled when the handshake completes or the handler goes.
    private var handshakeExpiry: Scheduled<Void>?
    /// The most plaintext one TLS record carries (2^14 bytes): the room each `SSL_read` is given.
    private static let maximumRecord = 16 * 1024
    /// The last TLS alert OpenSSL sent or received, for handshake failure messages.
    fileprivate var lastAlert: String?

    /// A client handler for one connection; `configuration`'s SNI and host name apply to this session.
    convenience init(context tlsContext: TLSClientContext, handshakePromise: EventLoopPromise<TLSSessionFacts>)
        throws(TransportError)
    {
        try self.init(
            sslContext: tlsContext.pointer, owner: tlsContext, handshakePromise: handshakePromise,
            handshakeTimeout: nil)
        SSL_set_connect_state(ssl)
        try configureNames(tlsContext.configuration)
    }

    /// A server handler for one accepted connection. A client that has not completed the handshake
    /// `handshakeTimeout` after the connection became active is disconnected with `.tlsHandshakeFailed`.
    convenience init(context tlsContext: TLSServerContext, handshakeTimeout: TimeAmount = .seconds(10))
        throws(TransportError)
    {
        try self.init(
            sslContext: tlsContext.pointer, owner: tlsContext, handshakePromise: nil,
            handshakeTimeout: handshakeTimeout)
        SSL_set_accept_state(ssl)
    }

    /// An `SSL` from `sslContext` over two fresh memory BIOs, in neither role yet.
    private init(
        sslContext: OpaquePointer,
        owner: AnyObject,
        handshakePromise: EventLoopPromise<TLSSessionFacts>?,
        handshakeTimeout: TimeAmount?
    ) throws(TransportError) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(sslContext) else {
            throw TransportError(.tlsConfigurationInvalid, OpenSSLErrorQueue.describe(or: "SSL_new failed"))
        }
        guard let readBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw TransportError(.tlsConfigurationInvalid, "BIO_new failed")
        }
        guard let writeBIO = BIO_new(BIO_s_mem()) else {
            BIO_free(readBIO)
            SSL_free(ssl)
            throw TransportError(.tlsConfigurationInvalid, "BIO_new failed")
        }
        SSL_set_bio(ssl, readBIO, writeBIO)  // the SSL owns both BIOs from here on
        self.contextOwner = owner
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
        self.handshakePromise = handshakePromise
        self.handshakeTimeout = handshakeTimeout
    }

    deinit {
        SSL_free(ssl)
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        _ = SSL_set_ex_data(ssl, 0, Unmanaged.passUnretained(self).toOpaque())
        SSL_set_info_callback(ssl, recordAlert)
        if context.channel.isActive {
            startHandshake(context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        SSL_set_info_callback(ssl, nil)
        _ = SSL_set_ex_data(ssl, 0, nil)
        cancelHandshakeTimeout()
        state = .closed
        failPending(TransportError(.connectionClosed, "TLS handler removed"))
    }

    func channelActive(context: ChannelHandlerContext) {
        startHandshake(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let wasHandshaking = state == .idle || state == .handshaking
        cancelHandshakeTimeout()
        state = .closed
        if wasHandshaking {
            let alert = lastAlert.map { " (alert \($0))" } ?? ""
            failPending(TransportError(.tlsHandshakeFailed, "the peer closed the connection during the TLS handshake\(alert)"))
        } else {
            failPending(TransportError(.connectionClosed, "connection closed"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if state == .idle || state == .handshaking {
            failPending(TransportError.fromChannelError(error))
        }
        context.fireErrorCaught(error)
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let ciphertext = unwrapInboundIn(data)
        guard state == .handshaking || state == .active || state == .closing else { return }
        let written = ciphertext.withUnsafeReadableBytes { bytes in
            BIO_write(readBIO, bytes.baseAddress, Int32(bytes.count))
        }
        guard written == ciphertext.readableBytes else {
            fail(context: context, TransportError(.ioError, "BIO_write accepted \(written) of \(ciphertext.readableBytes) bytes"))
            return
        }
        if state == .handshaking {
            continueHandshake(context: context)
        } else {
            readPlaintext(context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if state == .handshaking {
            context.read()
        }
        context.fireChannelReadComplete()
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let plaintext = unwrapOutboundIn(data)
        switch state {
        case .idle, .handshaking:
            pendingWrites.append((plaintext, promise))
        case .active:
            encrypt(plaintext, context: context, promise: promise)
        case .closing, .closed:
            promise?.fail(TransportError(.connectionClosed, "TLS session closed"))
        }
    }

    func flush(context: ChannelHandlerContext) {
        if state == .active || state == .closing {
            context.flush()
        }
    }

    /// Closing all or only our sending side sends close_notify first (once), so the peer sees an orderly end of
    /// the TLS stream rather than a truncation; we do not wait for the peer's.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .all || mode == .output, state == .active {
            sendCloseNotify(context: context)
        }
        context.close(mode: mode, promise: promise)
    }

    // MARK: Handshake

    private func startHandshake(context: ChannelHandlerContext) {
        guard state == .idle else { return }
        state = .handshaking
        if let handshakeTimeout {
            handshakeExpiry = context.eventLoop.assumeIsolated().scheduleTask(in: handshakeTimeout) {
                self.handshakeExpiry = nil
                guard self.state == .handshaking else { return }
                let message = "the client did not complete the TLS handshake within \(Self.describe(handshakeTimeout))"
                self.fail(context: context, TransportError(.tlsHandshakeFailed, message))
            }
        }
        continueHandshake(context: context)
    }

    private func cancelHandshakeTimeout() {
        handshakeExpiry?.cancel()
        handshakeExpiry = nil
    }

    /// `amount` as a person writes it: whole seconds as "10 s", anything else in milliseconds.
    private static func describe(_ amount: TimeAmount) -> String {
        let nanoseconds = amount.nanoseconds
        if nanoseconds % 1_000_000_000 == 0 {
            return "\(nanoseconds / 1_000_000_000) s"
        }
        return "\(nanoseconds / 1_000_000) ms"
    }

    private func continueHandshake(context: ChannelHandlerContext) {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            writeCiphertext(context: context, promise: nil)
            context.flush()
            cancelHandshakeTimeout()
            state = .active
            if let promise = handshakePromise {  // a client's: a server asks for no facts
                handshakePromise = nil
                promise.succeed(TLSSessionFacts(ssl: ssl))
            }
            // Taken one at a time: if one cannot be encrypted, fail() fails those still waiting, once.
            while state == .active, let (plaintext, writePromise) = pendingWrites.popFirst() {
                encrypt(plaintext, context: context, promise: writePromise)
            }
            context.flush()
            readPlaintext(context: context)
            return
        }
        let error = SSL_get_error(ssl, result)
        if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE {
            writeCiphertext(context: context, promise: nil)
            context.flush()
            context.read()
            return
        }
        var reason = OpenSSLErrorQueue.describe(or: "SSL_do_handshake failed (SSL_get_error \(error))")
        if let lastAlert {
            reason += " (alert \(lastAlert))"
        }
        writeCiphertext(context: context, promise: nil)  // our alert, if OpenSSL queued one
        context.flush()
        fail(context: context, TransportError(.tlsHandshakeFailed, reason))
    }

    // MARK: Records

    /// Decrypts everything decryptable in the read BIO and passes it on; partial records wait for more bytes.
    private func readPlaintext(context: ChannelHandlerContext) {
        while state == .active || state == .closing {
            // Plaintext can only come from what OpenSSL holds or what the read BIO holds; with neither, SSL_read
            // would only say WANT_READ. Decrypted bytes plus the ciphertext waiting bound what one SSL_read can
            // return (ciphertext is never shorter than its plaintext), so the buffer is no larger than needed.
            let waiting = Int(SSL_pending(ssl)) + Int(imapwatch_BIO_pending(readBIO))
            let holdsUnprocessed = SSL_has_pending(ssl) == 1  // read ahead inside OpenSSL, not yet a record
            guard waiting > 0 || holdsUnprocessed else { break }
            OpenSSLErrorQueue.clear()
            // Straight into the buffer passed on (no copy, nothing kept between reads): a record is at most 16 KiB.
            let room = holdsUnprocessed ? Self.maximumRecord : min(waiting, Self.maximumRecord)
            var chunk = context.channel.allocator.buffer(capacity: room)
            var count: Int32 = 0
            chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { space in
                count = SSL_read(ssl, space.baseAddress, Int32(min(space.count, Int(Int32.max))))
                return Int(max(count, 0))
            }
            if count > 0 {
                context.fireChannelRead(wrapInboundOut(chunk))
                continue
            }
            let error = SSL_get_error(ssl, count)
            if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE {
                break
            }
            if error == SSL_ERROR_ZERO_RETURN {  // the peer's close_notify: an orderly end of the TLS stream
                if state == .active {
                    sendCloseNotify(context: context)  // our answer, unless we sent ours already
                }
                context.close(promise: nil)
                break
            }
            let reason = OpenSSLErrorQueue.describe(or: "SSL_read failed (SSL_get_error \(error))")
            fail(context: context, TransportError(.tlsRecordFailed, "TLS: \(reason)"))
            break
        }
        if imapwatch_BIO_pending(writeBIO) > 0 {  // e.g. a KeyUpdate answer
            writeCiphertext(context: context, promise: nil)
            context.flush()
        }
    }

    /// Queues our close_notify and writes it out, flushed; no more plaintext may be sent after it.
    private func sendCloseNotify(context: ChannelHandlerContext) {
        state = .closing
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(ssl)
        _ = OpenSSLErrorQueue.drain()
        writeCiphertext(context: context, promise: nil)
        context.flush()
    }

    private func encrypt(_ plaintext: ByteBuffer, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        var remaining = plaintext
        while remaining.readableBytes > 0 {
            OpenSSLErrorQueue.clear()
            let count = remaining.withUnsafeReadableBytes { bytes in
                SSL_write(ssl, bytes.baseAddress, Int32(min(bytes.count, Int(Int32.max))))
            }
            guard count > 0 else {
                let error = SSL_get_error(ssl, count)
                let reason = OpenSSLErrorQueue.describe(or: "SSL_write failed (SSL_get_error \(error))")
                let failure = TransportError(.tlsRecordFailed, "TLS: \(reason)")
                promise?.fail(failure)
                fail(context: context, failure)
                return
            }
            remaining.moveReaderIndex(forwardBy: Int(count))
        }
        writeCiphertext(context: context, promise: promise)
    }

    /// Moves everything OpenSSL wrote into the write BIO onto the channel (not flushed).
    private func writeCiphertext(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        var pending = imapwatch_BIO_pending(writeBIO)
        guard pending > 0 else {
            promise?.succeed(())
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: pending)
        while pending > 0 {
            let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: pending) { space in
                Int(max(0, BIO_read(writeBIO, space.baseAddress, Int32(min(space.count, Int(Int32.max))))))
            }
            if read == 0 { break }
            pending = imapwatch_BIO_pending(writeBIO)
        }
        context.write(wrapOutboundOut(buffer), promise: promise)
    }

    // MARK: Failure

    private func fail(context: ChannelHandlerContext, _ error: TransportError) {
        cancelHandshakeTimeout()
        state = .closed
        failPending(error)
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }

    private func failPending(_ error: TransportError) {
        let promise = handshakePromise
        handshakePromise = nil
        promise?.fail(error)
        while let (_, writePromise) = pendingWrites.popFirst() {
            writePromise?.fail(error)
        }
    }
}

/// OpenSSL's info callback: remembers the last alert sent or received on the handler in the SSL's app data.
private func recordAlert(_ ssl: OpaquePointer?, _ where: Int32, _ value: Int32) {
    guard (`where` & SSL_CB_ALERT) != 0, let ssl, let raw = SSL_get_ex_data(ssl, 0) else { return }
    let handler = Unmanaged<OpenSSLHandler>.fromOpaque(raw).takeUnretainedValue()
    let direction = (`where` & SSL_CB_READ) != 0 ? "received" : "sent"
    let description = SSL_alert_desc_string_long(value).map { String(cString: $0) } ?? "unknown"
    handler.lastAlert = "\(direction): \(description)"
}
