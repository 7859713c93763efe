import IMAPProtocol
import Testing

@Suite("Greeting")
struct GreetingTests {
    @Test func okGreetingWithCapabilities() throws {
        let greeting = try Greeting.parse(bytes(
            "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot (Debian) ready.\r\n"
        ))
        #expect(greeting.kind == .ok)
        #expect(greeting.text == "Dovecot (Debian) ready.")
        #expect(greeting.capabilities?.contains(.starttls) == true)
        #expect(greeting.capabilities?.contains(.loginDisabled) == true)
        #expect(greeting.capabilities?.count == 9)
    }

    @Test func preauthAndBye() throws {
        #expect(try Greeting.parse(bytes("* PREAUTH IMAP4rev1 server logged in as Smith\r\n")).kind == .preauth)
        let bye = try Greeting.parse(bytes("* BYE Too many connections\r\n"))
        #expect(bye == Greeting(kind: .bye, text: "Too many connections"))
        #expect(bye.capabilities == nil)
    }

    @Test func opaqueTextIsKept() throws {
        let text = "Courier-IMAP ready. Copyright 1998-2018 Double Precision, Inc.  See COPYING for distribution information."
        let greeting = try Greeting.parse(bytes("* OK [CAPABILITY IMAP4rev1 UIDPLUS] \(text)\r\n"))
        #expect(greeting.text == text)
        let odd = try Greeting.parse(bytes("* OK [mail.example.org] ready \u{7}\r\n"))
        #expect(odd.code == .other(name: "MAIL.EXAMPLE.ORG", text: ""))
    }

    @Test(arguments: ["* NO go away\r\n", "* BAD what\r\n", "A1 OK hi\r\n", "+ hi\r\n", "* 3 EXISTS\r\n"])
    func rejectsNonGreetings(_ input: String) {
        #expect(throws: ParseError(.notAGreeting, offset: 0)) { try Greeting.parse(bytes(input)) }
    }
}
