import Config
import Prober
import NIOConcurrencyHelpers
import Testing

/// AUTHENTICATE as the server sees it: exact initial responses with and without SASL-IR, the failure dialogues
/// of the bearer-token mechanisms, and a server that never stops challenging.
@Suite("AUTHENTICATE against a scripted server", .serialized)
struct SASLAuthenticationTests {
    let harness = LoginHarness()

    /// One mechanism and the initial response the RFCs (or Google, for XOAUTH2) spell out for it.
    struct Mechanism: Sendable, CustomTestStringConvertible {
        let mechanism: AuthMechanism
        let name: String
        let user: String
        let secret: String
        /// The raw initial response, written out by hand (not built with the code under test).
        let initialResponse: String

        var testDescription: String { "\(name) as \(user)" }
        var credentials: Credentials { Credentials(username: user, secret: Secret(secret), mechanism: mechanism) }
    }

    static let token = LoginHarness.token
    static let mechanisms = [
        Mechanism(
            mechanism: .plain, name: "PLAIN", user: "monitor", secret: LoginHarness.password,
            initialResponse: "\0monitor\0\(LoginHarness.password)"),
        Mechanism(
            mechanism: .xoauth2, name: "XOAUTH2", user: "monitor@example.test", secret: token,
            initialResponse: "user=monitor@example.test\u{1}auth=Bearer \(token)\u{1}\u{1}"),
        Mechanism(
            mechanism: .oauthbearer, name: "OAUTHBEARER", user: "monitor@example.test", secret: token,
            initialResponse: "n,a=monitor@example.test,\u{1}auth=Bearer \(token)\u{1}\u{1}"),
        // RFC 5801 saslname: "," and "=" in the authorization identity are escaped as =2C and =3D.
        Mechanism(
            mechanism: .oauthbearer, name: "OAUTHBEARER", user: "ops,team=1", secret: token,
            initialResponse: "n,a=ops=2Cteam=3D1,\u{1}auth=Bearer \(token)\u{1}\u{1}"),
    ]

    @Test(
        "the initial response is exact: inline with SASL-IR, else after the first '+'; the transcript hides it",
        arguments: mechanisms, [true, false])
    func initialResponse(mechanism: Mechanism, saslIR: Bool) async throws {
        let (result, server, _) = try await harness.probe(
            capabilities: "AUTH=\(mechanism.name)" + (saslIR ? " SASL-IR" : ""), credentials: mechanism.credentials
        ) { connection in
            try await LoginHarness.acceptAnyLogin(connection)
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.authMechanism == mechanism.mechanism)
        let encoded = LoginHarness.base64(mechanism.initialResponse)
        let login =
            saslIR
            ? "A001 AUTHENTICATE \(mechanism.name) \(encoded)\r\n"
            : "A001 AUTHENTICATE \(mechanism.name)\r\n\(encoded)\r\n"
        #expect(server.receivedText == login + LoginHarness.afterLogin)
        let shownLogin =
            saslIR
            ? ["A001 AUTHENTICATE \(mechanism.name) <redacted>"]
            : ["A001 AUTHENTICATE \(mechanism.name)", "<redacted>"]
        #expect(result.clientLines == shownLogin + LoginHarness.afterLoginTranscript)
        #expect(!result.transcriptText.contains(mechanism.secret))
        #expect(!result.transcriptText.contains(encoded))
    }

    /// A rejected token: the server reports the error as a base64 JSON challenge, waits for the client's
    /// answer, then says NO.
    struct Rejection: Sendable, CustomTestStringConvertible {
        let mechanism: AuthMechanism
        let name: String
        let errorJSON: String
        /// The client's answer to the error challenge, as a line.
        let acknowledgement: String
        var testDescription: String { name }
    }

    static let rejections = [
        // Google's XOAUTH2 documentation: the client answers the error with an empty response.
        Rejection(
            mechanism: .xoauth2, name: "XOAUTH2",
            errorJSON: #"{"status":"401","schemes":"Bearer","scope":"https://mail.google.com/"}"#,
            acknowledgement: ""),
        // RFC 7628 §3.2.3: the client answers with a single %x01 (or aborts); base64 "AQ==".
        Rejection(
            mechanism: .oauthbearer, name: "OAUTHBEARER",
            errorJSON:
                #"{"status":"invalid_token","scope":"example_scope","openid-configuration":"https://example.com/.well-known/openid-configuration"}"#,
            acknowledgement: "AQ=="),
    ]

    @Test(
        "a rejected token: the error challenge is acknowledged as the mechanism requires, then auth_failed, no hang",
        arguments: rejections, [true, false])
    func tokenRejected(rejection: Rejection, saslIR: Bool) async throws {
        let challenge = LoginHarness.base64(rejection.errorJSON)
        let acknowledgement = NIOLockedValueBox<String?>(nil)
        let (result, server, elapsed) = try await harness.probe(
            capabilities: "AUTH=\(rejection.name)" + (saslIR ? " SASL-IR" : ""),
            credentials: Credentials(username: "monitor", secret: Secret(Self.token), mechanism: rejection.mechanism),
            timeout: .seconds(10)
        ) { connection in
            guard try await connection.readLine() != nil else { return }
            if !saslIR {
                try await connection.send("+ \r\n")
                guard try await connection.readLine() != nil else { return }
            }
            try await connection.send("+ \(challenge)\r\n")
            let answer = try await connection.readLine()
            acknowledgement.withLockedValue { $0 = answer }
            try await connection.send("A001 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n")
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .authFailed)
        #expect(failure.phase == .login)
        #expect(failure.message == "AUTHENTICATE \(rejection.name) answered NO [AUTHENTICATIONFAILED]")
        #expect(failure.serverText == "Invalid credentials (Failure)")
        #expect(elapsed < .seconds(5), "the NO must end the probe, not the 10 s deadline; took \(elapsed)")
        #expect(acknowledgement.withLockedValue { $0 } == rejection.acknowledgement)
        #expect(server.receivedText.hasSuffix("\r\n\(rejection.acknowledgement)\r\n"), "nothing after the answer")
        #expect(result.outcome(of: .select) == .skipped(.notReached))
        #expect(!result.transcriptText.contains(Self.token))
    }

    @Test("a server that answers every response with another '+' ends in protocol_error, not a hang",
        arguments: [true, false])
    func endlessChallenges(saslIR: Bool) async throws {
        let (result, server, elapsed) = try await harness.probe(
            capabilities: "AUTH=PLAIN" + (saslIR ? " SASL-IR" : ""), credentials: LoginHarness.credentials(.plain),
            timeout: .seconds(10)
        ) { connection in
            for _ in 0..<1000 {
                guard try await connection.readLine() != nil else { return }
                try await connection.send("+ \r\n")
            }
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .protocolError)
        #expect(failure.phase == .login)
        #expect(failure.message.contains("SASL"), "\(failure.message)")
        #expect(elapsed < .seconds(5), "the round limit, not the 10 s deadline, must end it; took \(elapsed)")
        let lines = server.receivedText.split(separator: "\r\n", omittingEmptySubsequences: false).count - 1
        #expect(lines <= 8, "the client gave up after a few rounds, not \(lines)")
    }

    @Test("a '+' to a LOGIN that announced no literal is a protocol error, and the password is not resent")
    func continuationWithoutLiteral() async throws {
        let (result, server, _) = try await harness.probe(capabilities: "", credentials: LoginHarness.credentials(nil)) {
            connection in
            guard try await connection.readLine() != nil else { return }
            try await connection.send("+ go on\r\n")
            _ = try await connection.readLine()
        }
        let failure = try #require(result.failure)
        #expect(failure.code == .protocolError)
        #expect(failure.phase == .login)
        #expect(server.receivedText == "A001 LOGIN \"monitor\" \"\(LoginHarness.password)\"\r\n")
    }
}
