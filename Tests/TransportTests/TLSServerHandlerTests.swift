import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import Transport

/// The server side of `OpenSSLHandler` over real loopback: our own client against our own server, both over
/// the system OpenSSL; `TLSServerContext`'s checks of the chain and key.
@Suite struct TLSServerHandlerTests {
    let pki: TestPKI

    init() async throws {
        pki = try await TestPKI()
    }

    /// A TLS echo server on 127.0.0.1 with `context`, set up as the daemon sets up its connections; close the
    /// returned channel when done.
    func echoServer(_ context: TLSServerContext) async throws -> any Channel {
        try await TLSTestServer.start(context) { [EchoHandler()] }
    }

    @Test func ourClientVerifiesOurServerAndDataFlowsBothWays() async throws {
        defer { pki.remove() }
        let context = try pki.leafServerContext()
        let server = try await echoServer(context)
        let port = try #require(server.localAddress?.port)
        let connection = try await TestHelpers.connect(port: port, deadline: TestHelpers.deadline(10))
        let facts = try await connection.startTLS(.forHost("localhost", caFile: pki.caFile))
        try await connection.write(Array("over tls\n".utf8))
        let echoed = try await TestHelpers.readLine(connection)
        await connection.close()
        try await server.close()
        #expect(echoed == "over tls\n")
        #expect(facts.verification.kind == .verified)
        #expect(facts.protocolVersion == "TLSv1.3")
        #expect(facts.leaf?.subjectAlternativeNames == ["localhost", "127.0.0.1"])
    }

    @Test func aClientTalkingPlaintextIsClosed() async throws {
        defer { pki.remove() }
        let context = try pki.leafServerContext()
        let server = try await echoServer(context)
        let port = try #require(server.localAddress?.port)
        let connection = try await TestHelpers.connect(port: port, deadline: TestHelpers.deadline(10))
        try await connection.write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        // The server answers with at most an alert and closes: a real end of stream, long before the deadline.
        var received: [UInt8] = []
        let (error, elapsed) = await TestHelpers.timed {
            while let chunk = try await connection.read() { received += chunk }
        }
        await connection.close()
        try await server.close()
        #expect(error == nil, "the server did not close the connection: \(error.map(String.init(describing:)) ?? "")")
        #expect(elapsed < .seconds(5))
        #expect(!String(decoding: received, as: UTF8.self).contains("GET"))
    }

    @Test(arguments: [
        [],
        [0x16, 0x03, 0x01, 0x00, 0xc8, 0x01, 0x00, 0x00, 0xc4, 0x03, 0x03],  // the start of a 200-byte ClientHello
    ] as [[UInt8]])
    func aClientThatDoesNotCompleteTheHandshakeIsDisconnected(sends bytes: [UInt8]) async throws {
        defer { pki.remove() }
        let context = try pki.leafServerContext()
        let errors = ErrorLog()
        let server = try await TLSTestServer.start(context, handshakeTimeout: .seconds(1)) { [errors.recorder()] }
        let port = try #require(server.localAddress?.port)
        let started = ContinuousClock.now  // before the server's clock starts, at its accept
        let connection = try await TestHelpers.connect(port: port, deadline: TestHelpers.deadline(10))
        if !bytes.isEmpty {
            try await connection.write(bytes)
        }
        var received: [UInt8]?
        let (error, _) = await TestHelpers.timed {
            received = try await connection.read()
        }
        let elapsed = ContinuousClock.now - started
        await connection.close()
        try await server.close()
        #expect(error == nil, "the server did not close the connection: \(error.map(String.init(describing:)) ?? "")")
        #expect(received == nil)
        #expect(elapsed >= .seconds(1) && elapsed < .seconds(5), "\(elapsed)")
        #expect(errors.entries == ["tls_handshake_failed: the client did not complete the TLS handshake within 1 s"])
    }

    @Test func aCompletedHandshakeOutlivesTheHandshakeTimeout() async throws {
        defer { pki.remove() }
        let context = try pki.leafServerContext()
        let server = try await TLSTestServer.start(context, handshakeTimeout: .seconds(2)) { [EchoHandler()] }
        let port = try #require(server.localAddress?.port)
        let connection = try await TestHelpers.connect(port: port, deadline: TestHelpers.deadline(10))
        _ = try await connection.startTLS(.forHost("localhost", caFile: pki.caFile))
        try await Task.sleep(for: .milliseconds(2500))
        try await connection.write(Array("still here\n".utf8))
        let echoed = try await TestHelpers.readLine(connection)
        await connection.close()
        try await server.close()
        #expect(echoed == "still here\n")
    }

    @Test func aKeyThatDoesNotMatchTheCertificateIsRefusedClearly() throws {
        defer { pki.remove() }
        let error = try #require(throws: TransportError.self) {
            try TLSServerContext(
                certificateChainFile: pki.leafCertificate, privateKeyFile: pki.expiredKey, minimumVersion: .tls1_2)
        }
        #expect(error.code == .tlsConfigurationInvalid)
        #expect(error.message.hasPrefix(
            "the private key in \(pki.expiredKey) does not match the certificate in \(pki.leafCertificate) ("), "\(error)")
    }

    @Test func anUnreadableChainNamesTheFile() throws {
        defer { pki.remove() }
        let missing = pki.directory.appendingPathComponent("missing.pem").path
        let error = try #require(throws: TransportError.self) {
            try TLSServerContext(certificateChainFile: missing, privateKeyFile: pki.leafKey, minimumVersion: .tls1_3)
        }
        #expect(error.message.hasPrefix("certificate file \(missing): "), "\(error)")
    }
}
