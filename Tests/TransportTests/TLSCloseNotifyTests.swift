import NIOCore
import Testing
import Transport

/// How our TLS handler ends a session: close_notify before the TCP close, whether our side closes first (with
/// either close mode) or answers the peer's. Our client against our server on loopback; the client reads its
/// SSL's state to tell an orderly end from a bare TCP close.
@Suite struct TLSCloseNotifyTests {
    let pki: TestPKI

    init() async throws {
        pki = try await TestPKI()
    }

    @Test(arguments: [CloseMode.all, .output])
    func theServerSendsCloseNotifyWhenItCloses(mode: CloseMode) async throws {
        defer { pki.remove() }
        let server = try await TLSTestServer.start(pki.leafServerContext()) { [ReplyThenCloseHandler(mode)] }
        let port = try #require(server.localAddress?.port)
        let client = try await TLSTestClient.connect(port: port, caFile: pki.caFile)
        try await client.write("hi\n")
        let ending = try await client.ending.get()
        try await server.close()
        #expect(ending.received == "bye\n")
        #expect(ending.closeNotifyReceived, "the server closed the TCP connection without close_notify")
        #expect(ending.errors == [])
    }

    @Test func theServerAnswersTheClientsCloseNotify() async throws {
        defer { pki.remove() }
        let server = try await TLSTestServer.start(pki.leafServerContext()) { [EchoHandler()] }
        let port = try #require(server.localAddress?.port)
        let client = try await TLSTestClient.connect(port: port, caFile: pki.caFile)
        try await client.write("hi\n")
        try await client.channel.close(mode: .output).get()  // our close_notify, then our FIN
        let ending = try await client.ending.get()
        try await server.close()
        #expect(ending.received == "hi\n")
        #expect(ending.closeNotifyReceived, "the server did not answer close_notify with its own")
        #expect(ending.errors == [])
    }
}
