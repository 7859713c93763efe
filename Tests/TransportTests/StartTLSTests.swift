import TestSupport
import Testing
import Transport

/// STARTTLS in place on a live connection, the injection guard, and non-TLS answers.
@Suite struct StartTLSTests {
    let pki: TestPKI

    init() async throws {
        pki = try await TestPKI()
    }

    @Test func upgradesInPlaceAfterPlaintextExchange() async throws {
        defer { pki.remove() }
        let server = try await ServerProcess.python("starttls", [pki.leafCertificate, pki.leafKey])
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        #expect(try await TestHelpers.readLine(connection) == "* OK ready\r\n")
        try await connection.write(Array("a STARTTLS\r\n".utf8))
        #expect(try await TestHelpers.readLine(connection) == "a OK begin TLS\r\n")
        #expect(connection.bufferedByteCount == 0)
        let facts = try await connection.startTLS(.forHost("localhost", caFile: pki.caFile))
        #expect(facts.verification.isVerified)
        #expect(facts.leaf?.subjectAlternativeNames == ["localhost", "127.0.0.1"])
        try await connection.write(Array("b NOOP\r\n".utf8))
        #expect(try await TestHelpers.readLine(connection) == "echo: b NOOP\r\n")
        await connection.close()
    }

    @Test func plaintextAfterTheOKLineIsRejected() async throws {
        defer { pki.remove() }
        let server = try await ServerProcess.python("inject", [pki.leafCertificate, pki.leafKey])
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        #expect(try await TestHelpers.readLine(connection) == "* OK ready\r\n")
        try await connection.write(Array("a STARTTLS\r\n".utf8))
        #expect(try await TestHelpers.readLine(connection) == "a OK begin TLS\r\n")
        for _ in 0..<100 where connection.bufferedByteCount == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(connection.bufferedByteCount == "* injected\r\n".utf8.count)
        let (error, _) = await TestHelpers.timed {
            _ = try await connection.startTLS(.forHost("localhost", caFile: pki.caFile))
        }
        #expect(error?.code == .plaintextAfterStartTLS)
        #expect(error?.message.contains("12 bytes") == true)
        await connection.close()
    }

    @Test func plaintextAnswerToClientHelloFailsPrecisely() async throws {
        defer { pki.remove() }
        let server = try await ServerProcess.python("not-tls")
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        let (error, _) = await TestHelpers.timed {
            _ = try await connection.startTLS(.forHost("localhost"))
        }
        #expect(error?.code == .tlsHandshakeFailed)
        #expect(error?.message.contains("SSL routines::wrong version number") == true)
        await connection.close()
    }

    @Test func startTLSAfterCloseFails() async throws {
        defer { pki.remove() }
        let server = try await ServerProcess.python("greet-close")
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        #expect(try await TestHelpers.readLine(connection) == "* BYE bye\r\n")
        #expect(try await connection.read() == nil)
        let (error, _) = await TestHelpers.timed {
            _ = try await connection.startTLS(.forHost("localhost"))
        }
        #expect(error?.code == .connectionClosed)
        await connection.close()
    }
}
