import COpenSSL
import NIOCore
import Testing
@testable import Transport

/// Writes made during the handshake wait in the handler and are encrypted once it completes.
@Suite struct TLSPendingWriteTests {
    let pki: TestPKI

    init() async throws {
        pki = try await TestPKI()
    }

    @Test func whenOneQueuedWriteCannotBeEncryptedTheRestFailWithItOnce() async throws {
        defer { pki.remove() }
        let context = try pki.leafServerContext()
        let server = try await TLSTestServer.start(context) { [EchoHandler()] }
        let port = try #require(server.localAddress?.port)
        let (client, writes) = try await TLSTestClient.connect(port: port, caFile: pki.caFile) { tls, channel in
            let writes = ["one\n", "two\n", "three\n"].map { channel.write(ByteBuffer(string: $0)) }
            channel.flush()
            // The handshake still completes, but OpenSSL now refuses every SSL_write ("protocol is shutdown").
            SSL_set_shutdown(tls.ssl, SSL_SENT_SHUTDOWN)
            return writes
        }
        let ending = try await client.ending.get()
        try await server.close()
        var outcomes: [String] = []
        for write in writes {
            do {
                try await write.get()
                outcomes.append("written")
            } catch {
                outcomes.append("\(error)")
            }
        }
        #expect(ending.received == "")
        #expect(ending.errors.count == 1, "\(ending.errors)")
        let failure = try #require(ending.errors.first)
        #expect(failure.hasPrefix("tls_record_failed: TLS: "), "\(failure)")
        #expect(outcomes == [failure, failure, failure])
    }
}
