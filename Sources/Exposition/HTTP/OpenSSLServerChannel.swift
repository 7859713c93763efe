import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// A Hummingbird child channel setup that puts our OpenSSL server handler in front of `base`'s (HTTP/1.1).
///
/// The same shape as HummingbirdTLS's `TLSChannel`, over the system OpenSSL instead of NIOSSL: the TLS handler
/// goes first in the accepted channel's pipeline, then `base` adds its handlers, which see only plaintext.
struct OpenSSLServerChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let tls: WebTLS

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let context = tls.current
        return channel.eventLoop.makeCompletedFuture {
            try context.addHandler(to: channel)
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 (`configuration`) behind our OpenSSL server handler, with the context `tls` holds when each
    /// connection arrives.
    static func http1(tls: WebTLS, configuration: HTTP1Channel.Configuration) -> HTTPServerBuilder {
        .init { responder in
            OpenSSLServerChannel(base: HTTP1Channel(responder: responder, configuration: configuration), tls: tls)
        }
    }
}
