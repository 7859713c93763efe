import COpenSSL
import IMAPProtocol
@_spi(Benchmarks) import Transport

/// The work imapwatch's prober must do whatever its design, done inside NIOFloor's handler (`--work product`):
/// every response framed and parsed by IMAPProtocol, and the certificate facts read after the handshake as the
/// transport reads them. The floor plus this is what the prober would cost if its dialogue ran as the floor's does.
struct ProductWork {
    private var framer = ResponseFramer()
    private let parser = ResponseParser()
    /// The handshake's facts, once read.
    private(set) var facts: TLSSessionFacts?

    /// Frames and parses the plaintext `bytes` just received; throws on a response imapwatch could not parse.
    mutating func received(_ bytes: [UInt8]) throws {
        framer.append(bytes)
        while let frame = try framer.next() {
            _ = try parser.parse(frame)
        }
    }

    /// Reads the facts of the handshake just finished on `ssl`.
    mutating func handshakeFinished(_ ssl: OpaquePointer) {
        facts = TLSSessionFacts(ssl: ssl)
    }
}
