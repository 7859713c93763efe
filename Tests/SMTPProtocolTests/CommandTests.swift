import SASLEncoding
import SMTPProtocol
import Testing

/// The command encoder, envelope addresses and dot-stuffing: nothing a caller passes can end a command early,
/// and no secret reaches a transcript.
@Suite struct CommandTests {
    static func text(_ command: SMTPCommand) throws -> String {
        String(decoding: try SMTPCommandEncoder.encode(command).bytes, as: UTF8.self)
    }

    @Test func commandsOnTheWire() throws {
        let flow = try MailAddress("flow@example.test")
        #expect(try Self.text(.ehlo("probe.example.org")) == "EHLO probe.example.org\r\n")
        #expect(try Self.text(.ehlo("[127.0.0.1]")) == "EHLO [127.0.0.1]\r\n")
        #expect(try Self.text(.startTLS) == "STARTTLS\r\n")
        #expect(try Self.text(.mailFrom(flow, size: 412)) == "MAIL FROM:<flow@example.test> SIZE=412\r\n")
        #expect(try Self.text(.mailFrom(flow, size: nil)) == "MAIL FROM:<flow@example.test>\r\n")
        #expect(try Self.text(.rcptTo(flow.withDetail("Junk"))) == "RCPT TO:<flow+Junk@example.test>\r\n")
        #expect(try Self.text(.data) == "DATA\r\n")
        #expect(try Self.text(.quit) == "QUIT\r\n")
        #expect(try Self.text(.auth(mechanism: "LOGIN", initialResponse: nil)) == "AUTH LOGIN\r\n")
        #expect(try Self.text(.auth(mechanism: "EXTERNAL", initialResponse: [])) == "AUTH EXTERNAL =\r\n")
    }

    /// AUTH's initial response and every later response go as base64 and are `<redacted>` in the transcript.
    @Test func secretsStayOutOfTranscripts() throws {
        let password = "Tr0ub4dor&3\r\nRSET"
        let plain = SASL.plain(username: "flow@example.test", password: password)
        let auth = try SMTPCommandEncoder.encode(.auth(mechanism: "PLAIN", initialResponse: plain))
        #expect(String(decoding: auth.bytes, as: UTF8.self) == "AUTH PLAIN \(Base64.encode(plain))\r\n")
        #expect(auth.transcript == "AUTH PLAIN <redacted>")
        let response = try SMTPCommandEncoder.encode(.authResponse(Array(password.utf8)))
        #expect(response.transcript == "<redacted>")
        #expect(!String(decoding: response.bytes, as: UTF8.self).dropLast(2).contains("\r"))
    }

    @Test(arguments: ["", "probe\r\nRSET", "probe example", "[1.2.3.4\r\n]", "pröbe", String(repeating: "a", count: 256)])
    func badClientNamesAreRefused(name: String) {
        #expect(throws: SMTPEncodingError.invalidClientName(name)) { try SMTPCommandEncoder.encode(.ehlo(name)) }
    }

    @Test(arguments: ["plain", "PLAIN\r\nQUIT", "", "X" + String(repeating: "Y", count: 20)])
    func badMechanismsAreRefused(mechanism: String) {
        #expect(throws: SMTPEncodingError.invalidMechanism(mechanism)) {
            try SMTPCommandEncoder.encode(.auth(mechanism: mechanism, initialResponse: nil))
        }
    }

    @Test(arguments: [
        ("a@b>\r\nRCPT TO:<c@d", MailAddress.Problem.forbiddenByte(UInt8(ascii: ">"))),
        ("a b@c", .forbiddenByte(32)), ("a@b\r\n", .forbiddenByte(13)), ("a\u{0}@b", .forbiddenByte(0)),
        ("jörg@example.test", .forbiddenByte(0xC3)), ("no-at-sign", .notLocalAtDomain), ("@b", .notLocalAtDomain),
        ("a@", .notLocalAtDomain), ("a@b@c", .notLocalAtDomain),
        (String(repeating: "l", count: 65) + "@b", .tooLong), ("a@" + String(repeating: "d", count: 253), .tooLong),
    ])
    func badAddressesAreRefused(text: String, problem: MailAddress.Problem) {
        #expect(throws: problem) { try MailAddress(text) }
    }

    /// Every line end becomes CRLF, a leading "." is doubled, and the message ends with ".": a "." line inside it,
    /// whatever its line ends, cannot end DATA early.
    @Test(arguments: [
        ("Subject: x\r\n\r\nbody\r\n", "Subject: x\r\n\r\nbody\r\n.\r\n"),
        ("a\r\n.\r\nRSET\r\n", "a\r\n..\r\nRSET\r\n.\r\n"),
        ("a\n.\nb", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\r.\rb\r\n", "a\r\n..\r\nb\r\n.\r\n"),
        (".leading", "..leading\r\n.\r\n"),
        ("", ".\r\n"),
    ])
    func dotStuffing(content: String, wire: String) throws {
        let encoded = try SMTPCommandEncoder.encode(.message(Array(content.utf8)))
        #expect(String(decoding: encoded.bytes, as: UTF8.self) == wire)
        #expect(encoded.transcript == "<message, \(content.utf8.count) octets>")
    }
}
