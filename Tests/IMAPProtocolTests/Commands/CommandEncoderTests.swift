import IMAPProtocol
import SASLEncoding
import Testing

@Suite("CommandEncoder")
struct CommandEncoderTests {
    static func wire(_ encoded: EncodedCommand) -> [String] {
        encoded.parts.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: [
        (Command.capability, "A001 CAPABILITY\r\n"),
        (.noop, "A001 NOOP\r\n"),
        (.starttls, "A001 STARTTLS\r\n"),
        (.logout, "A001 LOGOUT\r\n"),
        (.examine(mailbox: "inbox"), "A001 EXAMINE INBOX\r\n"),
        (.select(mailbox: "Archive"), "A001 SELECT \"Archive\"\r\n"),
        (.getQuotaRoot(mailbox: "INBOX"), "A001 GETQUOTAROOT INBOX\r\n"),
        (.fetch(sequence: 3, partialOctets: 4096), "A001 FETCH 3 (RFC822.SIZE BODY.PEEK[]<0.4096>)\r\n"),
        (.examine(mailbox: "a \"b\" \\c"), "A001 EXAMINE \"a \\\"b\\\" \\\\c\"\r\n"),
        (.examine(mailbox: "Entwürfe"), "A001 EXAMINE \"Entw&APw-rfe\"\r\n"),
        (.examine(mailbox: "R&D"), "A001 EXAMINE \"R&-D\"\r\n"),
    ])
    func encodesSimpleCommands(command: Command, expected: String) throws {
        let encoded = try CommandEncoder().encode(command, tag: "A001")
        #expect(Self.wire(encoded) == [expected])
        #expect(encoded.transcript == String(decoding: bytes(expected).dropLast(2), as: UTF8.self))
    }

    @Test func loginQuotesAndRedactsThePassword() throws {
        let encoded = try CommandEncoder().encode(.login(username: "probe@example.org", password: "s3cr\"t"), tag: "A2")
        #expect(Self.wire(encoded) == ["A2 LOGIN \"probe@example.org\" \"s3cr\\\"t\"\r\n"])
        #expect(encoded.transcript == "A2 LOGIN \"probe@example.org\" <redacted>")
        #expect(encoded.sendParts.map(\.transcript) == ["A2 LOGIN \"probe@example.org\" <redacted>"])
    }

    @Test func passwordWithLineBreakUsesSynchronizingLiteral() throws {
        let encoded = try CommandEncoder(capabilities: [.imap4rev1]).encode(.login(username: "u", password: "p\r\nw"), tag: "A2")
        #expect(Self.wire(encoded) == ["A2 LOGIN \"u\" {4}\r\n", "p\r\nw\r\n"])
        #expect(encoded.sendParts.map(\.transcript) == ["A2 LOGIN \"u\" <redacted>", "<redacted>"])
        #expect(encoded.transcript == "A2 LOGIN \"u\" <redacted>")
    }

    @Test func literalPlusMakesOnePart() throws {
        let encoded = try CommandEncoder(capabilities: [.literalPlus]).encode(.login(username: "jörg", password: "pässword"), tag: "A2")
        #expect(Self.wire(encoded) == ["A2 LOGIN {5+}\r\njörg {9+}\r\npässword\r\n"])
        #expect(encoded.transcript == "A2 LOGIN {5+} jörg <redacted>")
    }

    @Test func literalMinusOnlyUpTo4096Octets() throws {
        let encoder = CommandEncoder(capabilities: [.literalMinus])
        let small = try encoder.encode(.login(username: "u", password: "\n"), tag: "A1")
        #expect(small.parts.count == 1)
        let large = try encoder.encode(.login(username: "u", password: String(repeating: "\n", count: 4097)), tag: "A1")
        #expect(large.parts.count == 2)
        #expect(Self.wire(large).first == "A1 LOGIN \"u\" {4097}\r\n")
    }

    @Test func nonASCIIUsernameWithoutLiteralPlusNeedsContinuation() throws {
        let encoded = try CommandEncoder(capabilities: [.imap4rev1]).encode(.login(username: "jörg", password: "pw"), tag: "A3")
        #expect(Self.wire(encoded) == ["A3 LOGIN {5}\r\n", "jörg \"pw\"\r\n"])
        #expect(encoded.sendParts.map(\.transcript) == ["A3 LOGIN {5}", "jörg <redacted>"])
    }

    @Test func utf8IsQuotedOnlyWhenEnabled() throws {
        let rev2Only = CommandEncoder(capabilities: [.imap4rev2])
        #expect(rev2Only.utf8Enabled)
        #expect(Self.wire(try rev2Only.encode(.select(mailbox: "Entwürfe"), tag: "A1")) == ["A1 SELECT \"Entwürfe\"\r\n"])
        let both = CommandEncoder(capabilities: [.imap4rev1, .imap4rev2])
        #expect(!both.utf8Enabled)
        #expect(Self.wire(try both.encode(.select(mailbox: "Entwürfe"), tag: "A1")) == ["A1 SELECT \"Entw&APw-rfe\"\r\n"])
    }

    @Test func rejectsWhatCannotBeEncoded() {
        let encoder = CommandEncoder()
        #expect(throws: EncodingError.nulInString) { try encoder.encode(.login(username: "u", password: "a\0b"), tag: "A1") }
        #expect(throws: EncodingError.invalidTag("A 1")) { try encoder.encode(.noop, tag: "A 1") }
        #expect(throws: EncodingError.invalidTag("+1")) { try encoder.encode(.noop, tag: "+1") }
        #expect(throws: EncodingError.invalidMechanism("X Y")) {
            try encoder.encode(.authenticate(mechanism: "X Y", initialResponse: nil), tag: "A1")
        }
        #expect(throws: EncodingError.numberOutOfRange(0)) { try encoder.encode(.fetch(sequence: 0, partialOctets: 10), tag: "A1") }
    }

    @Test func authenticateWithSASLIRSendsTheInitialResponseInline() throws {
        let initial = SASL.plain(username: "user", password: "hunter2")
        let encoded = try CommandEncoder(capabilities: [.saslIR]).encode(.authenticate(mechanism: "plain", initialResponse: initial), tag: "A4")
        #expect(Self.wire(encoded) == ["A4 AUTHENTICATE PLAIN \(Base64.encode(initial))\r\n"])
        #expect(encoded.transcript == "A4 AUTHENTICATE PLAIN <redacted>")
        #expect(encoded.pendingSASLResponse == nil)
    }

    @Test func authenticateWithoutSASLIRDefersTheResponse() throws {
        let initial = SASL.plain(username: "user", password: "hunter2")
        let encoded = try CommandEncoder().encode(.authenticate(mechanism: "PLAIN", initialResponse: initial), tag: "A4")
        #expect(Self.wire(encoded) == ["A4 AUTHENTICATE PLAIN\r\n"])
        #expect(encoded.pendingSASLResponse?.bytes == Array((Base64.encode(initial) + "\r\n").utf8))
        #expect(encoded.pendingSASLResponse?.transcript == "<redacted>")
    }

    @Test func emptyInitialResponseIsAnEqualsSign() throws {
        let encoded = try CommandEncoder(capabilities: [.saslIR]).encode(.authenticate(mechanism: "EXTERNAL", initialResponse: []), tag: "A5")
        #expect(Self.wire(encoded) == ["A5 AUTHENTICATE EXTERNAL =\r\n"])
    }

    @Test(arguments: [
        [Capability](), [.literalPlus], [.literalMinus], [.saslIR], [.imap4rev2], [.saslIR, .literalPlus],
    ])
    func passwordNeverAppearsInAnyTranscript(capabilities: [Capability]) throws {
        let password = "Tr0ub4dor&3\r\nü\"x"
        let encoder = CommandEncoder(capabilities: capabilities)
        let commands: [Command] = [
            .login(username: "user", password: password),
            .authenticate(mechanism: "PLAIN", initialResponse: SASL.plain(username: "user", password: password)),
            .authenticate(mechanism: "XOAUTH2", initialResponse: SASL.xoauth2(username: "user", accessToken: password)),
        ]
        for command in commands {
            let encoded = try encoder.encode(command, tag: "A1")
            let transcripts = [encoded.transcript] + encoded.sendParts.map(\.transcript)
                + [encoded.pendingSASLResponse?.transcript ?? ""]
            let base64 = Base64.encode(SASL.plain(username: "user", password: password))
            for transcript in transcripts {
                #expect(!transcript.contains("Tr0ub4dor"))
                #expect(!transcript.contains(String(base64.prefix(12))))
            }
            #expect(transcripts.contains { $0.contains("<redacted>") })
        }
    }

    /// The loop's search and clean-up name its own messages by UID; a header value that needs it goes as a literal.
    @Test func uidSearchStoreAndExpunge() throws {
        let encoder = CommandEncoder(capabilities: [.imap4rev1])
        let search = try encoder.encode(.uidSearchHeader(name: "X-Imapwatch-Probe", value: "ab-12"), tag: "A7")
        #expect(search.parts == [Array("A7 UID SEARCH HEADER X-Imapwatch-Probe \"ab-12\"\r\n".utf8)])
        let store = try encoder.encode(.uidStoreDeleted(uids: [7, 9]), tag: "A8")
        #expect(store.parts == [Array("A8 UID STORE 7,9 +FLAGS.SILENT (\\Deleted)\r\n".utf8)])
        let expunge = try encoder.encode(.uidExpunge(uids: [7]), tag: "A9")
        #expect(expunge.parts == [Array("A9 UID EXPUNGE 7\r\n".utf8)])
        let fetch = try encoder.encode(.uidFetchDateAndHeader(uids: [3, 5], name: "X-Imapwatch-Probe"), tag: "B1")
        #expect(fetch.parts == [Array("B1 UID FETCH 3,5 (INTERNALDATE BODY.PEEK[HEADER.FIELDS (X-Imapwatch-Probe)])\r\n".utf8)])
        #expect(throws: EncodingError.invalidHeaderName("X)")) {
            try encoder.encode(.uidFetchDateAndHeader(uids: [1], name: "X)"), tag: "B2")
        }
        #expect(throws: EncodingError.emptySet) { try encoder.encode(.uidExpunge(uids: []), tag: "A1") }
        #expect(throws: EncodingError.numberOutOfRange(0)) { try encoder.encode(.uidStoreDeleted(uids: [0]), tag: "A1") }
        #expect(throws: EncodingError.invalidHeaderName("X Probe")) {
            try encoder.encode(.uidSearchHeader(name: "X Probe", value: "v"), tag: "A1")
        }
        let literal = try encoder.encode(.uidSearchHeader(name: "Subject", value: "a\r\nb"), tag: "A2")
        #expect(literal.parts.count == 2)
    }
}
