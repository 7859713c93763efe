import Config
import Prober
import Testing

/// Which mechanism a probe picks from the capabilities and `--auth`, and what each tagged answer to the login
/// means for the result.
@Suite("Choosing and judging the login against a scripted server", .serialized)
struct AuthenticationChoiceTests {
    let harness = LoginHarness()

    struct Choice: Sendable, CustomTestStringConvertible {
        let capabilities: String
        let requested: AuthMechanism?
        /// `nil`: nothing is sent and the probe fails with auth_unavailable.
        let expected: AuthMechanism?
        var testDescription: String {
            "[\(capabilities)] --auth \(requested?.rawValue ?? "auto") → \(expected?.rawValue ?? "auth_unavailable")"
        }
    }

    static let choices = [
        Choice(capabilities: "AUTH=PLAIN SASL-IR", requested: nil, expected: .plain),
        Choice(capabilities: "AUTH=LOGIN", requested: nil, expected: .login),
        Choice(capabilities: "", requested: nil, expected: .login),
        Choice(capabilities: "LOGINDISABLED", requested: nil, expected: nil),
        Choice(capabilities: "LOGINDISABLED AUTH=XOAUTH2", requested: nil, expected: nil),
        Choice(capabilities: "LOGINDISABLED AUTH=PLAIN", requested: nil, expected: .plain),
        // Capabilities are case-insensitive.
        Choice(capabilities: "logindisabled auth=plain", requested: nil, expected: .plain),
        Choice(capabilities: "", requested: .plain, expected: nil),
        Choice(capabilities: "AUTH=LOGIN SASL-IR", requested: .plain, expected: nil),
        Choice(capabilities: "AUTH=PLAIN", requested: .plain, expected: .plain),
        Choice(capabilities: "AUTH=PLAIN SASL-IR", requested: .login, expected: .login),
        Choice(capabilities: "LOGINDISABLED AUTH=PLAIN", requested: .login, expected: nil),
        Choice(capabilities: "AUTH=PLAIN SASL-IR", requested: .xoauth2, expected: nil),
        Choice(capabilities: "AUTH=XOAUTH2", requested: .oauthbearer, expected: nil),
        Choice(capabilities: "AUTH=XOAUTH2 SASL-IR", requested: .xoauth2, expected: .xoauth2),
        Choice(capabilities: "LOGINDISABLED AUTH=OAUTHBEARER", requested: .oauthbearer, expected: .oauthbearer),
    ]

    @Test("the mechanism follows the capabilities and --auth; without a usable one nothing is sent",
        arguments: choices)
    func mechanismChoice(choice: Choice) async throws {
        let (result, server, _) = try await harness.probe(
            capabilities: choice.capabilities, credentials: LoginHarness.credentials(choice.requested)
        ) { connection in
            try await LoginHarness.acceptAnyLogin(connection)
        }
        guard let expected = choice.expected else {
            let failure = try #require(result.failure)
            #expect(failure.code == .authUnavailable)
            #expect(failure.phase == .login)
            #expect(server.arrivedByteCount == 0, "sent: \(server.receivedText)")
            #expect(result.clientLines.isEmpty)
            return
        }
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.authMechanism == expected)
        let command = expected == .login ? "A001 LOGIN " : "A001 AUTHENTICATE \(expected.rawValue.uppercased())"
        #expect(server.receivedText.hasPrefix(command), "\(server.receivedText)")
    }

    /// A tagged answer to the login and what it must become.
    struct Answer: Sendable, CustomTestStringConvertible {
        let text: String
        let code: ProbeFailure.Code
        let shown: String
        let serverText: String
        var testDescription: String { text }
    }

    static let answers = [
        Answer(
            text: "NO [UNAVAILABLE] Temporary authentication failure.", code: .authUnavailable,
            shown: "NO [UNAVAILABLE]", serverText: "Temporary authentication failure."),
        Answer(
            text: "NO [PRIVACYREQUIRED] TLS required", code: .authUnavailable, shown: "NO [PRIVACYREQUIRED]",
            serverText: "TLS required"),
        Answer(
            text: "NO [AUTHENTICATIONFAILED] Authentication failed.", code: .authFailed,
            shown: "NO [AUTHENTICATIONFAILED]", serverText: "Authentication failed."),
        Answer(
            text: "NO [AUTHORIZATIONFAILED] not for you", code: .authFailed, shown: "NO [AUTHORIZATIONFAILED]",
            serverText: "not for you"),
        Answer(
            text: "NO [EXPIRED] password expired", code: .authFailed, shown: "NO [EXPIRED]",
            serverText: "password expired"),
        Answer(text: "NO Login failed.", code: .authFailed, shown: "NO", serverText: "Login failed."),
        // BAD says our (well-formed) command was not understood: the credentials were never judged, so blaming
        // them would send the operator after the wrong problem.
        Answer(
            text: "BAD Error in IMAP command: Invalid arguments.", code: .protocolError, shown: "BAD",
            serverText: "Error in IMAP command: Invalid arguments."),
        // An explicit response code still says what happened, whatever the condition.
        Answer(
            text: "BAD [AUTHENTICATIONFAILED] go away", code: .authFailed, shown: "BAD [AUTHENTICATIONFAILED]",
            serverText: "go away"),
    ]

    @Test("each tagged answer to the login gets its reason code, the server's text and no further command",
        arguments: answers, [AuthMechanism.login, .plain])
    func taggedAnswer(answer: Answer, mechanism: AuthMechanism) async throws {
        let (result, server, _) = try await harness.probe(
            capabilities: "AUTH=PLAIN SASL-IR", credentials: LoginHarness.credentials(mechanism)
        ) { connection in
            guard try await connection.readLine() != nil else { return }
            try await connection.send("A001 \(answer.text)\r\n")
        }
        let failure = try #require(result.failure)
        #expect(failure.code == answer.code)
        #expect(failure.phase == .login)
        let what = mechanism == .login ? "LOGIN" : "AUTHENTICATE PLAIN"
        #expect(failure.message == "\(what) answered \(answer.shown)")
        #expect(failure.serverText == answer.serverText)
        #expect(result.outcome(of: .select) == .skipped(.notReached))
        #expect(server.receivedText.split(separator: "\r\n").count == 1, "\(server.receivedText)")
    }
}
