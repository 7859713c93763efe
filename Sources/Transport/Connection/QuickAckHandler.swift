import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The first inbound handler of a connection that acknowledges every segment at once (Linux `TCP_QUICKACK`,
/// set again after each read, since the kernel falls back to delaying on its own).
///
/// For SMTP: a server that writes with Nagle's algorithm on (Postfix does) holds a small reply until its previous
/// segment is acknowledged. After STARTTLS under TLS 1.3 that segment is the session ticket, which arrives just
/// after our EHLO went out, so its ACK waits for the kernel's delayed-ACK timer: the EHLO reply came 40 ms late,
/// measured in the loop's `smtp_ehlo` on loopback (`scripts/bench-mailflow.sh`), a delay of the client's making
/// that a probe must not report as the server's. One system call per read, on submission connections only.
final class QuickAckHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        #if os(Linux)
        try? context.channel.syncOptions?.setOption(
            ChannelOptions.tcpOption(NIOBSDSocket.Option(rawValue: CInt(TCP_QUICKACK))), value: 1)
        #endif
        context.fireChannelRead(data)
    }
}
