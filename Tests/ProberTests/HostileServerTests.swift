import Config
import IMAPProtocol
import Prober
import SASLEncoding
import Testing

/// What a broken or hostile server does to a probe: every case ends fast, in the right phase, with a reason.
@Suite("Probes against a scripted hostile server")
struct HostileServerTests {
    static let greeting = "* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN SASL-IR] scripted server ready\r\n"
    let prober = Prober()

    /// Plaintext settings (the scripted server speaks no TLS), logging in, with a short deadline.
    func settings(port: Int, timeout: Duration = .seconds(3)) -> ProbeSettings {
        ProbeSettings(
            host: "127.0.0.1", port: port, tlsMode: TLSMode.none,
            credentials: Credentials(username: "monitor", secret: Secret("hunter2-secret")),
            allowPlaintextAuth: true, timeout: timeout)
    }

    /// Runs a probe against a server running `script`, then stops the server.
    func probe(
        timeout: Duration = .seconds(3), tlsMode: TLSMode = .none,
        _ script: @escaping ScriptedIMAPServer.Script
    ) async throws -> (ProbeResult, ScriptedIMAPServer) {
        let (result, server, _) = try await timedProbe(timeout: timeout, tlsMode: tlsMode, script)
        return (result, server)
    }

    /// `probe` that also returns how long the probe itself took (not counting the server's shutdown).
    func timedProbe(
        timeout: Duration = .seconds(3), tlsMode: TLSMode = .none,
        _ script: @escaping ScriptedIMAPServer.Script
    ) async throws -> (ProbeResult, ScriptedIMAPServer, Duration) {
        let server = try await ScriptedIMAPServer.start(script: script)
        var settings = settings(port: server.port, timeout: timeout)
        settings.tlsMode = tlsMode
        let began = ContinuousClock.now
        let result = await prober.probe(settings)
        let elapsed = ContinuousClock.now - began
        await server.stop()
        return (result, server, elapsed)
    }

    /// Answers the login and opens a mailbox of `exists` messages.
    static func loginAndSelect(_ connection: ScriptedConnection, exists: Int = 1) async throws {
        try await connection.send(greeting)
        guard let login = try await connection.readTag() else { return }
        try await connection.send("\(login) OK [CAPABILITY IMAP4rev1 QUOTA] Logged in\r\n")
        guard let select = try await connection.readTag() else { return }
        try await connection.send("* \(exists) EXISTS\r\n* OK [UIDVALIDITY 42] ok\r\n\(select) OK [READ-ONLY] done\r\n")
    }

    @Test("an endless greeting line fails the greeting with protocol_error, without waiting for the deadline")
    func endlessLine() async throws {
        let (result, _, elapsed) = try await timedProbe(timeout: .seconds(10)) { connection in
            let chunk = String(repeating: "A", count: 4096)
            try await connection.send("* OK ")
            for _ in 0..<64 { try await connection.send(chunk) }
        }
        #expect(result.failure?.code == .protocolError)
        #expect(result.failure?.phase == .greeting)
        #expect(elapsed < .seconds(5), "the line limit, not the 10 s deadline, must end it; took \(elapsed)")
    }

    @Test("a literal announcing a petabyte fails at once with protocol_error")
    func hugeLiteral() async throws {
        let (result, _) = try await probe { connection in
            try await connection.send("* OK {1000000000000000}\r\n")
            _ = try await connection.readLine()
        }
        #expect(result.failure?.code == .protocolError)
        #expect(result.failure?.phase == .greeting)
    }

    @Test("a FETCH literal larger than the probe asked for is refused, not buffered")
    func oversizedFetchLiteral() async throws {
        let (result, _) = try await probe { connection in
            try await Self.loginAndSelect(connection)
            guard let fetch = try await connection.readTag() else { return }
            try await connection.send("* 1 FETCH (BODY[]<0> {500000000}\r\n")
            _ = fetch
            _ = try await connection.readLine()
        }
        #expect(result.failure?.code == .protocolError)
        #expect(result.failure?.phase == .fetch)
    }

    @Test("a server that drips bytes past the deadline is cut off at the deadline with timeout")
    func slowDrip() async throws {
        let (result, _, elapsed) = try await timedProbe(timeout: .milliseconds(1500)) { connection in
            for byte in "* OK slowly, very slowly\r\n".utf8 {
                try await connection.send([byte])
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        #expect(result.failure?.code == .timeout)
        #expect(result.failure?.phase == .greeting)
        #expect(elapsed >= .milliseconds(1400))
        #expect(elapsed < .milliseconds(2500), "the probe must end at its deadline (1.5 s), took \(elapsed)")
    }

    @Test(
        "a server that echoes the login command back cannot make the secret appear in the result",
        arguments: [AuthMechanism.plain, .login])
    func echoedCredentialsAreRedacted(mechanism: AuthMechanism) async throws {
        let secret = "hun\"ter\\2-\(UInt16.random(in: 1000...9999))"
        let server = try await ScriptedIMAPServer.start { connection in
            try await connection.send(Self.greeting)
            guard let line = try await connection.readLine() else { return }
            let tag = line.split(separator: " ").first.map(String.init) ?? "*"
            try await connection.send("* OK you said: \(line)\r\n\(tag) NO [AUTHENTICATIONFAILED] bad: \(line)\r\n")
        }
        var settings = settings(port: server.port)
        settings.credentials = Credentials(username: "monitor", secret: Secret(secret), mechanism: mechanism)
        let result = await prober.probe(settings)
        await server.stop()
        let failure = try #require(result.failure)
        #expect(failure.code == .authFailed)
        let plain = Array("\0monitor\0\(secret)".utf8)
        let forms = [secret, "hun\\\"ter", SASLEncoding.Base64.encode(plain)]
        let texts = result.transcript.map(\.text) + [failure.message, failure.serverText ?? ""]
        for text in texts {
            for form in forms {
                #expect(!text.contains(form), "\(form) leaked in: \(text)")
            }
        }
        #expect(failure.serverText?.contains("<redacted>") == true, "the echo is there, redacted")
    }

    @Test("a silent server times out in greeting, with a hint about implicit TLS")
    func silentServer() async throws {
        let (result, _) = try await probe(timeout: .seconds(2), tlsMode: .starttls) { connection in
            _ = try await connection.readLine()
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .timeout)
        #expect(failure.phase == .greeting)
        #expect(failure.message.contains("implicit TLS"))
    }

    @Test("BYE in the middle of a command fails that phase with the server's text")
    func byeMidSession() async throws {
        let (result, _) = try await probe { connection in
            try await connection.send(Self.greeting)
            guard let login = try await connection.readTag() else { return }
            try await connection.send("\(login) OK Logged in\r\n")
            _ = try await connection.readTag()
            try await connection.send("* BYE shutting down for maintenance\r\n")
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .connectionClosed)
        #expect(failure.phase == .select)
        #expect(failure.serverText == "shutting down for maintenance")
    }

    @Test("plaintext after the STARTTLS OK is rejected as injection, before any handshake or credential")
    func starttlsInjection() async throws {
        let (result, server) = try await probe(tlsMode: .starttls) { connection in
            try await connection.send(Self.greeting)
            guard let tag = try await connection.readTag() else { return }
            try await connection.send("\(tag) OK Begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n")
            _ = try await connection.readLine()
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .starttlsInjection)
        #expect(failure.phase == .starttls)
        #expect(!server.receivedText.contains("hunter2"))
        #expect(!server.receivedText.contains("AUTHENTICATE"))
    }

    @Test("a server that does not offer STARTTLS never receives a credential")
    func noStartTLSNoCredentials() async throws {
        let (result, server) = try await probe(tlsMode: .starttls) { connection in
            try await connection.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] no tls here\r\n")
            while let tag = try await connection.readTag() {
                try await connection.send("\(tag) OK fine\r\n")
            }
        }
        #expect(result.failure?.code == .starttlsUnavailable)
        #expect(!server.receivedText.contains("AUTHENTICATE"))
        #expect(!server.receivedText.contains("LOGIN"))
    }

    @Test(
        "a reset in each phase fails that phase with connection_closed",
        arguments: [Phase.greeting, .login, .select, .fetch, .quota])
    func resetInPhase(phase: Phase) async throws {
        let (result, _) = try await probe { connection in
            if phase == .greeting {
                // Give the client time to finish connecting; a reset racing the handshake fails `connect`.
                try await Task.sleep(for: .milliseconds(200))
                return try await connection.reset()
            }
            try await connection.send(Self.greeting)
            guard let login = try await connection.readTag() else { return }
            if phase == .login { return try await connection.reset() }
            try await connection.send("\(login) OK [CAPABILITY IMAP4rev1 QUOTA] Logged in\r\n")
            guard let select = try await connection.readTag() else { return }
            if phase == .select { return try await connection.reset() }
            try await connection.send("* 1 EXISTS\r\n\(select) OK [READ-ONLY] done\r\n")
            guard let fetch = try await connection.readTag() else { return }
            if phase == .fetch { return try await connection.reset() }
            try await connection.send("* 1 FETCH (RFC822.SIZE 3 BODY[]<0> {3}\r\nabc)\r\n\(fetch) OK done\r\n")
            _ = try await connection.readTag()
            try await connection.reset()
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .connectionClosed, "\(failure)")
        #expect(failure.phase == phase)
    }

    @Test(
        "a reset in the other phases fails that phase too",
        arguments: [Phase.capability, .starttls, .logout])
    func resetInOtherPhases(phase: Phase) async throws {
        let (result, _) = try await probe(tlsMode: phase == .starttls ? .starttls : .none) { connection in
            switch phase {
            case .capability:
                try await connection.send("* OK no capabilities here\r\n")
                _ = try await connection.readTag()
            case .starttls:
                try await connection.send(Self.greeting)
                _ = try await connection.readTag()
            default:
                try await Self.loginAndSelect(connection, exists: 0)
                guard let quota = try await connection.readTag() else { return }
                try await connection.send("* QUOTA \"\" (STORAGE 1 10)\r\n\(quota) OK done\r\n")
                _ = try await connection.readTag()
            }
            try await connection.reset()
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .connectionClosed, "\(failure)")
        #expect(failure.phase == phase)
    }

    @Test("PREAUTH skips the login as already authenticated and goes on to the mailbox")
    func preauth() async throws {
        let (result, server) = try await probe { connection in
            try await connection.send("* PREAUTH [CAPABILITY IMAP4rev1 QUOTA] welcome back\r\n")
            guard let select = try await connection.readTag() else { return }
            try await connection.send("* 0 EXISTS\r\n\(select) OK [READ-ONLY] done\r\n")
            guard let quota = try await connection.readTag() else { return }
            try await connection.send("\(quota) OK done\r\n")
            guard let logout = try await connection.readTag() else { return }
            try await connection.send("* BYE bye\r\n\(logout) OK done\r\n")
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.outcome(of: .login) == .skipped(.alreadyAuthenticated))
        #expect(result.mailbox?.messages == 0)
        #expect(!server.receivedText.contains("AUTHENTICATE"))
        #expect(!server.receivedText.contains("LOGIN"))
    }

    @Test("a tagged answer with a foreign tag is a protocol error")
    func wrongTag() async throws {
        let (result, _) = try await probe { connection in
            try await connection.send(Self.greeting)
            _ = try await connection.readTag()
            try await connection.send("Z999 OK not yours\r\n")
            _ = try await connection.readLine()
        }
        #expect(result.failure?.code == .protocolError)
        #expect(result.failure?.phase == .login)
    }

    @Test("a FETCH that returns fewer octets than the message has fails fetch_failed")
    func shortFetch() async throws {
        let (result, _) = try await probe { connection in
            try await Self.loginAndSelect(connection)
            guard let fetch = try await connection.readTag() else { return }
            try await connection.send("* 1 FETCH (RFC822.SIZE 5000 BODY[]<0> {10}\r\n0123456789)\r\n\(fetch) OK done\r\n")
            _ = try await connection.readLine()
        }
        #expect(result.failure?.code == .fetchFailed)
        #expect(result.failure?.phase == .fetch)
    }

    @Test(
        "a FETCH answer that hides a truncation fails fetch_failed",
        arguments: [
            "* 1 FETCH (BODY[]<0> {3}\r\nabc)",  // no RFC822.SIZE
            "* 1 FETCH (RFC822.SIZE 3 BODY[]<0> NIL)",  // NIL body
            "* 1 FETCH (RFC822.SIZE 3 BODY[]<1> {2}\r\nbc)",  // another origin
            "* 1 FETCH (RFC822.SIZE 3)",  // no body at all
        ])
    func fetchAnswersThatHideTruncation(answer: String) async throws {
        let (result, _) = try await probe { connection in
            try await Self.loginAndSelect(connection)
            guard let fetch = try await connection.readTag() else { return }
            try await connection.send("\(answer)\r\n\(fetch) OK done\r\n")
            _ = try await connection.readLine()
        }
        #expect(result.failure?.code == .fetchFailed, "\(String(describing: result.failure))")
        #expect(result.failure?.phase == .fetch)
    }

    @Test("a quota past UInt64.max bytes saturates instead of failing the probe")
    func hugeQuotaSaturates() async throws {
        let (result, _) = try await probe { connection in
            try await Self.loginAndSelect(connection, exists: 0)
            guard let quota = try await connection.readTag() else { return }
            try await connection.send(
                "* QUOTA \"\" (STORAGE 18446744073709551615 18446744073709551615 MESSAGE 18446744073709551615 1)\r\n"
                    + "\(quota) OK done\r\n")
            guard let logout = try await connection.readTag() else { return }
            try await connection.send("* BYE bye\r\n\(logout) OK done\r\n")
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        let storage = result.quota.first?.resources.first { $0.name == "STORAGE" }
        #expect(storage?.usage == UInt64.max)
        #expect(storage?.limit == UInt64.max)
        #expect(result.quota.first?.resources.first { $0.name == "MESSAGE" }?.usage == UInt64.max)
    }

    @Test("quota in 1024-octet units becomes bytes; a root without QUOTA capability is skipped as unsupported")
    func quotaConversion() async throws {
        let (result, _) = try await probe { connection in
            try await Self.loginAndSelect(connection)
            guard let fetch = try await connection.readTag() else { return }
            try await connection.send("* 1 FETCH (RFC822.SIZE 3 BODY[]<0> {3}\r\nabc)\r\n\(fetch) OK done\r\n")
            guard let quota = try await connection.readTag() else { return }
            try await connection.send(
                "* QUOTAROOT INBOX \"User quota\"\r\n* QUOTA \"User quota\" (STORAGE 642 10240 MESSAGE 3 1000)\r\n"
                    + "\(quota) OK done\r\n")
            guard let logout = try await connection.readTag() else { return }
            try await connection.send("* BYE bye\r\n\(logout) OK done\r\n")
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        let root = try #require(result.quota.first)
        #expect(root.root == "User quota")
        #expect(root.resources.first { $0.name == "STORAGE" }?.usage == 642 * 1024)
        #expect(root.resources.first { $0.name == "STORAGE" }?.limit == 10240 * 1024)
        #expect(root.resources.first { $0.name == "MESSAGE" }?.usage == 3)
        #expect(result.fetch?.bytesReceived == 3)
    }

    @Test("without QUOTA after login, CAPABILITY is asked again and the phase is skipped as unsupported")
    func quotaUnsupported() async throws {
        let (result, server) = try await probe { connection in
            try await connection.send(Self.greeting)
            guard let login = try await connection.readTag() else { return }
            try await connection.send("\(login) OK Logged in\r\n")
            guard let select = try await connection.readTag() else { return }
            try await connection.send("* 0 EXISTS\r\n\(select) OK [READ-ONLY] done\r\n")
            guard let capability = try await connection.readTag() else { return }
            try await connection.send("* CAPABILITY IMAP4rev1 IDLE\r\n\(capability) OK done\r\n")
            guard let logout = try await connection.readTag() else { return }
            try await connection.send("* BYE bye\r\n\(logout) OK done\r\n")
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.outcome(of: .fetch) == .skipped(.emptyMailbox))
        #expect(result.outcome(of: .quota) == .skipped(.unsupported))
        #expect(result.postLoginCapabilities == ["IMAP4REV1", "IDLE"])
        #expect(server.receivedText.contains("CAPABILITY"))
        #expect(!server.receivedText.contains("GETQUOTAROOT"))
    }
}
