import IMAPProtocol
import SASLEncoding
import Testing

@Suite("CommandExchange")
struct CommandExchangeTests {
    static func response(_ text: String) throws -> Response { try ResponseParser.parse(bytes(text)) }

    static func exchange(_ command: Command, capabilities: [Capability] = [], tag: String = "A1") throws -> CommandExchange {
        CommandExchange(tag: tag, command: try CommandEncoder(capabilities: capabilities).encode(command, tag: tag))
    }

    @Test func successCollectsUntaggedResponses() throws {
        var exchange = try Self.exchange(.examine(mailbox: "INBOX"))
        #expect(exchange.start() == .send(bytes: bytes("A1 EXAMINE INBOX\r\n"), transcript: "A1 EXAMINE INBOX"))
        #expect(exchange.receive(try Self.response("* 3 EXISTS\r\n")) == .wait)
        #expect(exchange.receive(try Self.response("* OK [UIDVALIDITY 1700000000] UIDs valid\r\n")) == .wait)
        let done = try Self.response("A1 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).\r\n")
        guard case .complete(let outcome) = exchange.receive(done), case .tagged(let tagged) = done else {
            Issue.record("expected completion")
            return
        }
        #expect(outcome.isOK)
        #expect(outcome.tagged == tagged)
        #expect(outcome.untagged == [.exists(3), .condition(StatusResponse(condition: .ok, code: .uidValidity(1_700_000_000), text: "UIDs valid"))])
        #expect(exchange.receive(try Self.response("* 4 EXISTS\r\n")) == .fail(.misuse("receive(_:) outside a running exchange")))
    }

    @Test(arguments: [StatusCondition.no, .bad])
    func noAndBadComplete(condition: StatusCondition) throws {
        var exchange = try Self.exchange(.login(username: "u", password: "wrong"))
        _ = exchange.start()
        guard case .complete(let outcome) = exchange.receive(try Self.response("A1 \(condition.rawValue) [AUTHENTICATIONFAILED] nope\r\n")) else {
            Issue.record("expected completion")
            return
        }
        #expect(!outcome.isOK)
        #expect(outcome.tagged.status.condition == condition)
    }

    @Test func byeMidCommandFails() throws {
        var exchange = try Self.exchange(.fetch(sequence: 1, partialOctets: 100))
        _ = exchange.start()
        #expect(exchange.receive(try Self.response("* BYE Server shutting down\u{7}\r\n")) == .fail(.bye(#"Server shutting down\u{7}"#)))
    }

    @Test func byeDuringLogoutIsExpected() throws {
        var exchange = try Self.exchange(.logout)
        _ = exchange.start()
        #expect(exchange.receive(try Self.response("* BYE Logging out\r\n")) == .wait)
        guard case .complete(let outcome) = exchange.receive(try Self.response("A1 OK Logout completed.\r\n")) else {
            Issue.record("expected completion")
            return
        }
        #expect(outcome.untagged == [.condition(StatusResponse(condition: .bye, text: "Logging out"))])
    }

    @Test func wrongTagFails() throws {
        var exchange = try Self.exchange(.noop, tag: "A7")
        _ = exchange.start()
        #expect(exchange.receive(try Self.response("A6 OK NOOP completed\r\n")) == .fail(.unexpectedTag(expected: "A7", received: "A6")))
    }

    @Test func unexpectedContinuationFails() throws {
        var exchange = try Self.exchange(.capability)
        _ = exchange.start()
        #expect(exchange.receive(try Self.response("+ go ahead\r\n")) == .fail(.unexpectedContinuation))
    }

    @Test func synchronizingLiteralWaitsForContinuation() throws {
        var exchange = try Self.exchange(.login(username: "u", password: "a\nb"))
        #expect(exchange.start() == .send(bytes: bytes("A1 LOGIN \"u\" {3}\r\n"), transcript: "A1 LOGIN \"u\" <redacted>"))
        #expect(exchange.receive(try Self.response("+ OK\r\n")) == .send(bytes: bytes("a\nb\r\n"), transcript: "<redacted>"))
        #expect(exchange.receive(try Self.response("+ again\r\n")) == .fail(.unexpectedContinuation))
    }

    @Test func rejectedLiteralCompletesWithNo() throws {
        var exchange = try Self.exchange(.login(username: "u", password: "a\nb"))
        _ = exchange.start()
        guard case .complete(let outcome) = exchange.receive(try Self.response("A1 NO [PRIVACYREQUIRED] TLS first\r\n")) else {
            Issue.record("expected completion")
            return
        }
        #expect(outcome.tagged.status.code == .privacyRequired)
    }

    @Test func authenticatePlainWithSASLIR() throws {
        let initial = SASL.plain(username: "user", password: "hunter2")
        var exchange = try Self.exchange(.authenticate(mechanism: "PLAIN", initialResponse: initial), capabilities: [.saslIR])
        #expect(exchange.start() == .send(bytes: bytes("A1 AUTHENTICATE PLAIN AHVzZXIAaHVudGVyMg==\r\n"), transcript: "A1 AUTHENTICATE PLAIN <redacted>"))
        guard case .complete(let outcome) = exchange.receive(try Self.response("A1 OK [CAPABILITY IMAP4rev1 QUOTA] Logged in\r\n")) else {
            Issue.record("expected completion")
            return
        }
        #expect(outcome.tagged.status.code == .capability([.imap4rev1, .quota]))
    }

    @Test func authenticatePlainWithoutSASLIRAnswersTheFirstContinuation() throws {
        let initial = SASL.plain(username: "user", password: "hunter2")
        var exchange = try Self.exchange(.authenticate(mechanism: "PLAIN", initialResponse: initial))
        #expect(exchange.start() == .send(bytes: bytes("A1 AUTHENTICATE PLAIN\r\n"), transcript: "A1 AUTHENTICATE PLAIN"))
        #expect(exchange.receive(try Self.response("+ \r\n")) == .send(bytes: bytes("AHVzZXIAaHVudGVyMg==\r\n"), transcript: "<redacted>"))
        #expect(exchange.receive(try Self.response("+ \r\n")) == .send(bytes: bytes("\r\n"), transcript: "<redacted>"))
        guard case .complete(let outcome) = exchange.receive(try Self.response("A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")) else {
            Issue.record("expected completion")
            return
        }
        #expect(outcome.tagged.status.code == .authenticationFailed)
    }

    @Test func xoauth2ErrorContinuationIsAcknowledgedWithAnEmptyLine() throws {
        let initial = SASL.xoauth2(username: "someuser@example.com", accessToken: "expired-token")
        var exchange = try Self.exchange(.authenticate(mechanism: "XOAUTH2", initialResponse: initial), capabilities: [.saslIR])
        _ = exchange.start()
        let challenge = try Self.response("+ eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\r\n")
        if case .continuation(let request) = challenge {
            #expect(request.decodedChallenge.map { String(decoding: $0, as: UTF8.self) }
                == "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}")
        }
        #expect(exchange.receive(challenge) == .send(bytes: bytes("\r\n"), transcript: "<redacted>"))
        guard case .complete(let outcome) = exchange.receive(try Self.response("A1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n")) else {
            Issue.record("expected completion")
            return
        }
        #expect(!outcome.isOK)
    }

    @Test func endlessChallengesAreBounded() throws {
        var exchange = CommandExchange(
            tag: "A1",
            command: try CommandEncoder(capabilities: [.saslIR]).encode(.authenticate(mechanism: "PLAIN", initialResponse: [1]), tag: "A1"),
            options: ExchangeOptions(maxSASLRounds: 2)
        )
        _ = exchange.start()
        #expect(exchange.receive(.continuation(ContinuationRequest(text: ""))) == .send(bytes: [13, 10], transcript: "<redacted>"))
        #expect(exchange.receive(.continuation(ContinuationRequest(text: ""))) == .send(bytes: [13, 10], transcript: "<redacted>"))
        #expect(exchange.receive(.continuation(ContinuationRequest(text: ""))) == .fail(.tooManySASLRounds(limit: 2)))
    }

    @Test func untaggedResponsesAreBounded() throws {
        var exchange = CommandExchange(
            tag: "A1", command: try CommandEncoder().encode(.noop, tag: "A1"), options: ExchangeOptions(maxUntaggedResponses: 2)
        )
        _ = exchange.start()
        #expect(exchange.receive(.untagged(.exists(1))) == .wait)
        #expect(exchange.receive(.untagged(.exists(2))) == .wait)
        #expect(exchange.receive(.untagged(.exists(3))) == .fail(.tooManyUntaggedResponses(limit: 2)))
    }

    @Test func startTwiceIsMisuse() throws {
        var exchange = try Self.exchange(.noop)
        _ = exchange.start()
        guard case .fail(.misuse) = exchange.start() else {
            Issue.record("expected misuse")
            return
        }
    }
}
