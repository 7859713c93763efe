import Config
import Prober
import NIOConcurrencyHelpers
import Testing

/// LOGIN as the server sees it: quoted strings with escapes, synchronizing literals that wait for `+`,
/// non-synchronizing ones sent at once, and a transcript that shows neither the password nor its length.
@Suite("LOGIN against a scripted server", .serialized)
struct LoginCommandTests {
    let harness = LoginHarness()

    @Test(
        "a password that fits a quoted string is quoted, with '\"' and '\\' escaped",
        arguments: [
            (#"pa"ss\w0rd"#, #""pa\"ss\\w0rd""#),
            ("with space", #""with space""#),
            (#"\"#, #""\\""#),
            ("", #""""#),
        ])
    func quoted(password: String, wire: String) async throws {
        let (result, server, _) = try await harness.probe(
            capabilities: "LITERAL+", credentials: LoginHarness.credentials(.login, password)
        ) { connection in
            try await LoginHarness.acceptAnyLogin(connection)
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(server.receivedText == "A001 LOGIN \"monitor\" \(wire)\r\n" + LoginHarness.afterLogin)
        #expect(result.clientLines == ["A001 LOGIN \"monitor\" <redacted>"] + LoginHarness.afterLoginTranscript)
    }

    /// Passwords a quoted string cannot carry (8-bit before UTF-8 is enabled, CR, LF), with their octet counts.
    static let literalPasswords: [(String, Int)] = [("pässwörd", 10), ("pass\rword", 9), ("pass\nword", 9)]

    @Test(
        "without LITERAL+ the password is a synchronizing literal: nothing more is sent before '+'",
        arguments: literalPasswords)
    func synchronizingLiteral(password: String, octets: Int) async throws {
        let announcement = "A001 LOGIN \"monitor\" {\(octets)}\r\n"
        let arrivedBeforeContinuation = NIOLockedValueBox<Int?>(nil)
        let (result, server, _) = try await harness.probe(
            capabilities: "AUTH=PLAIN", credentials: LoginHarness.credentials(.login, password)
        ) { connection in
            guard let line = try await connection.readLine(), line.hasSuffix("{\(octets)}") else { return }
            // A client that does not wait would have sent the rest by now.
            try await Task.sleep(for: .milliseconds(300))
            arrivedBeforeContinuation.withLockedValue { $0 = connection.arrivedByteCount }
            try await connection.send("+ Ready for literal data\r\n")
            guard try await connection.read(count: octets + 2) != nil else { return }
            try await connection.send(LoginHarness.loggedIn("A001"))
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(arrivedBeforeContinuation.withLockedValue { $0 } == announcement.utf8.count)
        #expect(
            server.receivedBytes
                == Array(announcement.utf8) + Array(password.utf8) + [13, 10] + Array(LoginHarness.afterLogin.utf8))
        #expect(
            result.clientLines
                == ["A001 LOGIN \"monitor\" <redacted>", "<redacted>"] + LoginHarness.afterLoginTranscript)
        #expect(!result.transcriptText.contains("{\(octets)"), "the literal's length hints at the password")
    }

    @Test(
        "with LITERAL+ (or LITERAL- for short ones) the literal is non-synchronizing and sent at once",
        arguments: ["LITERAL+", "LITERAL-"], literalPasswords)
    func nonSynchronizingLiteral(capability: String, password: (String, Int)) async throws {
        let (password, octets) = password
        let (result, server, _) = try await harness.probe(
            capabilities: capability, credentials: LoginHarness.credentials(nil, password)
        ) { connection in
            guard let line = try await connection.readLine(), line.hasSuffix("{\(octets)+}") else { return }
            // No '+': a client waiting for one would time out here.
            guard try await connection.read(count: octets + 2) != nil else { return }
            try await connection.send(LoginHarness.loggedIn("A001"))
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.authMechanism == .login)
        #expect(
            server.receivedBytes
                == Array("A001 LOGIN \"monitor\" {\(octets)+}\r\n".utf8) + Array(password.utf8) + [13, 10]
                + Array(LoginHarness.afterLogin.utf8))
        #expect(result.clientLines == ["A001 LOGIN \"monitor\" <redacted>"] + LoginHarness.afterLoginTranscript)
        #expect(!result.transcriptText.contains("{\(octets)"), "the literal's length hints at the password")
    }

    @Test("a literal the server refuses instead of '+' fails login with the server's answer, password unsent")
    func literalRefused() async throws {
        let (result, server, _) = try await harness.probe(
            capabilities: "", credentials: LoginHarness.credentials(.login, "pässwörd")
        ) { connection in
            guard try await connection.readLine() != nil else { return }
            try await connection.send("A001 NO [AUTHENTICATIONFAILED] no literals today\r\n")
        }
        #expect(result.failure?.code == .authFailed)
        #expect(server.receivedText == "A001 LOGIN \"monitor\" {10}\r\n")
    }
}
