import Config
import Prober
import SMTPProtocol
import Testing
import TestSupport

/// The submission side against servers that break the rules on purpose: each ends in a failed submission with
/// the phase and the reason, at its deadline at the latest, and no credential reaches a server it should not.
@Suite(.serialized)
struct HostileSubmissionServerTests {
    static let password = "hunter2-smtp"

    /// Submits through STARTTLS to a scripted server on loopback (no TLS ever succeeds there: there is none).
    func submit(timeout: Duration = .seconds(3), _ script: @escaping ScriptedIMAPServer.Script) async throws
        -> (SubmissionResult, ScriptedIMAPServer)
    {
        let server = try await ScriptedIMAPServer.start(script: script)
        let flow = try MailAddress("flow@example.test")
        let settings = SubmissionSettings(
            host: ServerHost(testHost: "127.0.0.1"), port: server.port, security: .startTLS,
            username: "flow@example.test", password: Secret(Self.password), clientName: "probe.example.test",
            sender: flow, recipients: [flow], timeout: timeout)
        let result = await MailSubmitter().submit(settings, message: Array("Subject: x\r\n\r\nx\r\n".utf8))
        await server.stop()
        return (result, server)
    }

    @Test("plaintext after STARTTLS's 220 is refused as injection, before any handshake or credential")
    func starttlsInjection() async throws {
        let (result, server) = try await submit { connection in
            try await connection.send("220 mx ESMTP\r\n")
            _ = try await connection.readLine()
            try await connection.send("250-mx\r\n250 STARTTLS\r\n")
            _ = try await connection.readLine()
            try await connection.send("220 go ahead\r\n250 AUTH PLAIN\r\n")
            _ = try await connection.readLine()
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .starttlsInjection)
        #expect(failure.phase == .startTLS)
        #expect(!server.receivedText.contains("AUTH"))
    }

    @Test("a server without STARTTLS never sees AUTH")
    func noStartTLS() async throws {
        let (result, server) = try await submit { connection in
            try await connection.send("220 mx ESMTP\r\n")
            while try await connection.readLine() != nil {
                try await connection.send("250-mx\r\n250 AUTH PLAIN LOGIN\r\n")
            }
        }
        #expect(result.failure?.code == .starttlsUnavailable)
        #expect(result.failure?.phase == .ehlo)
        #expect(!server.receivedText.contains("AUTH"))
    }

    @Test("a silent server times out in smtp_greeting at the deadline")
    func silent() async throws {
        let started = ContinuousClock.now
        let (result, _) = try await submit(timeout: .seconds(1)) { connection in
            _ = try await connection.readLine()
        }
        #expect(result.failure?.code == .timeout)
        #expect(result.failure?.phase == .greeting)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test("an endless line ends the submission as a protocol error, its memory bounded")
    func endlessLine() async throws {
        let (result, _) = try await submit { connection in
            try await connection.send("220-" + String(repeating: "x", count: 64 * 1024) + "\r\n")
            _ = try await connection.readLine()
        }
        #expect(result.failure?.code == .protocolError)
        #expect(result.failure?.phase == .greeting)
        #expect(result.failure?.message.contains("4096") == true, "\(String(describing: result.failure))")
    }

    @Test("a bare LF, a code mismatch and an HTTP answer are each a protocol error in the greeting",
        arguments: ["220 mx\n", "220-mx\r\n250 other\r\n", "HTTP/1.1 400 Bad Request\r\n"])
    func brokenReplies(greeting: String) async throws {
        let (result, _) = try await submit { connection in
            try await connection.send(greeting)
            _ = try await connection.readLine()
        }
        #expect(result.failure?.code == .protocolError, "\(String(describing: result.failure))")
        #expect(result.failure?.phase == .greeting)
    }

    @Test("a server that closes after EHLO fails smtp_ehlo as connection_closed")
    func closesMidSession() async throws {
        let (result, _) = try await submit { connection in
            try await connection.send("220 mx ESMTP\r\n")
            _ = try await connection.readLine()
            try await connection.close()
        }
        #expect(result.failure?.code == .connectionClosed)
        #expect(result.failure?.phase == .ehlo)
    }
}
