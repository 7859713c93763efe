import NIOCore

extension OpenSSLHandler {
    /// Starts a client handshake in place on `channel`, checked and installed in one turn of its event loop, so no
    /// byte can slip in between: refused with `.plaintextAfterStartTLS` if `reader` holds plaintext not yet consumed
    /// (STARTTLS injection) and with `.connectionClosed` once the connection has ended. `handshake` gets the
    /// session's facts or the reason. Call on the channel's event loop.
    static func startClient(
        on channel: any Channel, after reader: ReadAheadHandler, context: TLSClientContext,
        handshake: EventLoopPromise<TLSSessionFacts>
    ) {
        let unconsumed = reader.unconsumedByteCount
        guard unconsumed == 0 else {
            handshake.fail(
                TransportError(
                    .plaintextAfterStartTLS,
                    "\(unconsumed) bytes of plaintext arrived before the TLS handshake (possible STARTTLS injection)"))
            return
        }
        guard !reader.hasEnded, channel.isActive else {
            handshake.fail(TransportError(.connectionClosed, "connection closed before the TLS handshake"))
            return
        }
        do {
            let handler = try OpenSSLHandler(context: context, handshakePromise: handshake)
            // Behind a QuickAckHandler, which must see the raw segments (a session ticket decrypts to nothing).
            let quickAck = try? channel.pipeline.syncOperations.handler(type: QuickAckHandler.self)
            try channel.pipeline.syncOperations.addHandler(handler, position: quickAck.map { .after($0) } ?? .first)
        } catch {
            handshake.fail(error)
        }
    }
}
