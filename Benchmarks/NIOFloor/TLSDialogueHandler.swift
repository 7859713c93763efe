import COpenSSL
import NIOCore

/// One `SSL_CTX` for a run, as the C client keeps one: the system trust store plus the CA file, the peer verified,
/// TLS 1.2 at least.
final class TLSFloorContext: @unchecked Sendable {
    /// Never changed after `init`; OpenSSL allows concurrent `SSL_new` on a configured context.
    let pointer: OpaquePointer

    init(caFile: String) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw Failure(description: "SSL_CTX_new") }
        pointer = context
        guard SSL_CTX_set_default_verify_paths(context) == 1,
            SSL_CTX_load_verify_locations(context, caFile, nil) == 1,
            imapwatch_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1
        else { throw Failure(description: "cannot set up the TLS context with CA file \(caFile)") }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
    }

    deinit {
        SSL_CTX_free(pointer)
    }
}

/// The C client's full probe, command for command, driven by one channel handler over OpenSSL with two memory
/// BIOs (as imapwatch's transport speaks TLS, but with futures and no async/await): [TLS: implicit], greeting,
/// [STARTTLS, TLS, CAPABILITY: starttls], AUTHENTICATE PLAIN (SASL-IR), EXAMINE INBOX, FETCH of the newest message
/// (RFC822.SIZE BODY.PEEK[]<0.1024>), GETQUOTAROOT INBOX, LOGOUT, close_notify. Completes `finished` after the
/// LOGOUT's OK, or fails it with the reason. Written for the test Dovecot's answers, not for any server.
final class TLSDialogueHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Step {
        case greeting, startTLS, capability, login, examine, fetch, quota, logout
    }

    private let tls: TLSFloorContext
    private let host: String
    private let startsInPlaintext: Bool
    private let plain: String
    private let finished: EventLoopPromise<Void>
    private var ssl: OpaquePointer?
    private var readBIO: OpaquePointer?
    private var writeBIO: OpaquePointer?
    private var handshaking = false
    private var received = ByteBuffer()
    private var literalLeft = 0
    private var fetchedLiteral = 0
    private var step = Step.greeting
    private var tag = 0
    private var exists = 0
    private var done = false
    /// The prober's own work, done as well with `--work product`.
    private var work: ProductWork?

    /// `plain` is the SASL PLAIN response, base64; `startsInPlaintext` is STARTTLS, else implicit TLS; with
    /// `productWork` every response is also parsed and the certificate facts read, as imapwatch's prober does.
    init(
        tls: TLSFloorContext, host: String, startsInPlaintext: Bool, plain: String, productWork: Bool,
        finished: EventLoopPromise<Void>
    ) {
        self.tls = tls
        self.host = host
        self.startsInPlaintext = startsInPlaintext
        self.plain = plain
        self.work = productWork ? ProductWork() : nil
        self.finished = finished
    }

    deinit {
        if let ssl { SSL_free(ssl) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if !startsInPlaintext { startTLS(context) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail("the connection closed")
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail("\(error)")
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        let before = received.writerIndex
        guard let ssl, let readBIO else {
            received.writeBuffer(&bytes)
            return workAndFrame(context, from: before)
        }
        let written = bytes.withUnsafeReadableBytes { BIO_write(readBIO, $0.baseAddress, Int32($0.count)) }
        guard written == bytes.readableBytes else { return failAndClose(context, "BIO_write") }
        if handshaking {
            handshake(context)
            if handshaking { return }
        }
        while true {
            var count: Int32 = 0
            received.writeWithUnsafeMutableBytes(minimumWritableBytes: 16 * 1024) { space in
                count = SSL_read(ssl, space.baseAddress, Int32(space.count))
                return Int(max(count, 0))
            }
            if count <= 0 { break }
        }
        workAndFrame(context, from: before)
    }

    /// Gives the bytes received from `start` on to the product's work (if any), then frames them.
    private func workAndFrame(_ context: ChannelHandlerContext, from start: Int) {
        if work != nil, let fresh = received.getBytes(at: start, length: received.writerIndex - start) {
            do {
                try work?.received(fresh)
            } catch {
                return failAndClose(context, "imapwatch's parser: \(error)")
            }
        }
        frame(context)
    }

    // MARK: TLS

    private func startTLS(_ context: ChannelHandlerContext) {
        guard let ssl = SSL_new(tls.pointer), let readBIO = BIO_new(BIO_s_mem()), let writeBIO = BIO_new(BIO_s_mem())
        else { return failAndClose(context, "SSL_new") }
        SSL_set_bio(ssl, readBIO, writeBIO)
        SSL_set_connect_state(ssl)
        // An IP address: no SNI, the certificate must name the address (the C client's rule).
        guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1 else {
            SSL_free(ssl)
            return failAndClose(context, "--host must be an IP address")
        }
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
        handshaking = true
        handshake(context)
    }

    private func handshake(_ context: ChannelHandlerContext) {
        guard let ssl else { return }
        let result = SSL_do_handshake(ssl)
        sendCiphertext(context)
        if result == 1 {
            handshaking = false
            guard SSL_get_verify_result(ssl) == X509_V_OK else { return failAndClose(context, "not verified") }
            work?.handshakeFinished(ssl)
            if step == .startTLS { send("CAPABILITY", context, next: .capability) }
            return
        }
        let error = SSL_get_error(ssl, result)
        if error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE { failAndClose(context, "handshake") }
    }

    /// Moves what OpenSSL wrote into the write BIO onto the socket, flushed.
    private func sendCiphertext(_ context: ChannelHandlerContext) {
        guard let writeBIO else { return }
        let pending = imapwatch_BIO_pending(writeBIO)
        guard pending > 0 else { return }
        var buffer = context.channel.allocator.buffer(capacity: pending)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: pending) { space in
            Int(max(0, BIO_read(writeBIO, space.baseAddress, Int32(space.count))))
        }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    // MARK: IMAP

    /// Handles every whole line received; the octets of a literal are counted and skipped.
    private func frame(_ context: ChannelHandlerContext) {
        while !done {
            if literalLeft > 0 {
                let skipped = min(literalLeft, received.readableBytes)
                received.moveReaderIndex(forwardBy: skipped)
                literalLeft -= skipped
                if literalLeft > 0 { return }
            }
            guard let newline = received.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
                let line = received.readBytes(length: newline - received.readerIndex + 1)
            else { return }
            if line.count > 3, line[line.count - 3] == UInt8(ascii: "}"),
                let open = line.lastIndex(of: UInt8(ascii: "{")),
                let octets = Int(String(decoding: line[(open + 1)..<(line.count - 3)], as: UTF8.self))
            {
                literalLeft = octets
                if step == .fetch { fetchedLiteral = octets }
            }
            handle(line, context)
        }
    }

    private func handle(_ line: [UInt8], _ context: ChannelHandlerContext) {
        if line.starts(with: "* ".utf8) {
            if step == .greeting {
                guard line.starts(with: "* OK".utf8) else { return failAndClose(context, "greeting") }
                if startsInPlaintext {
                    send("STARTTLS", context, next: .startTLS)
                } else {
                    send("AUTHENTICATE PLAIN \(plain)", context, next: .login)
                }
            } else if step == .examine {
                let text = String(decoding: line, as: UTF8.self)
                if text.hasSuffix(" EXISTS\r\n") { exists = Int(text.dropFirst(2).prefix { $0 != " " }) ?? 0 }
            }
            return
        }
        let expected = Array("A\(tag) ".utf8)
        guard line.starts(with: expected) else { return }  // the rest of a response after a literal
        guard line.dropFirst(expected.count).starts(with: "OK".utf8) else {
            return failAndClose(context, "\(step): \(String(decoding: line.prefix(200), as: UTF8.self))")
        }
        switch step {
        case .greeting: break
        case .startTLS:
            guard received.readableBytes == 0 else { return failAndClose(context, "plaintext after STARTTLS") }
            startTLS(context)
        case .capability: send("AUTHENTICATE PLAIN \(plain)", context, next: .login)
        case .login: send("EXAMINE INBOX", context, next: .examine)
        case .examine:
            guard exists > 0 else { return failAndClose(context, "EXAMINE: no EXISTS") }
            send("FETCH \(exists) (RFC822.SIZE BODY.PEEK[]<0.1024>)", context, next: .fetch)
        case .fetch:
            guard fetchedLiteral == 1024 else { return failAndClose(context, "FETCH: \(fetchedLiteral) octets") }
            send("GETQUOTAROOT INBOX", context, next: .quota)
        case .quota: send("LOGOUT", context, next: .logout)
        case .logout:
            done = true
            finished.succeed(())  // before the close, whose channelInactive would fail it
            if let ssl {
                _ = SSL_shutdown(ssl)
                sendCiphertext(context)
            }
            context.close(promise: nil)
        }
    }

    private func send(_ command: String, _ context: ChannelHandlerContext, next: Step) {
        tag += 1
        step = next
        let line = Array("A\(tag) \(command)\r\n".utf8)
        guard let ssl else {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: line)), promise: nil)
            return
        }
        let written = line.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(line.count) else { return failAndClose(context, "SSL_write") }
        sendCiphertext(context)
    }

    private func fail(_ reason: String) {
        guard !done else { return }
        done = true
        finished.fail(Failure(description: reason))
    }

    private func failAndClose(_ context: ChannelHandlerContext, _ reason: String) {
        fail(reason)
        context.close(promise: nil)
    }
}
