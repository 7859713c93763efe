import SMTPProtocol
import Testing

/// Reply codes, enhanced status codes and the EHLO extensions: what a server's words are read as.
@Suite struct GrammarTests {
    @Test func replyCodes() {
        #expect(ReplyCode(digits: Array("250".utf8))?.isPositiveCompletion == true)
        #expect(ReplyCode(digits: Array("334".utf8))?.isPositiveIntermediate == true)
        #expect(ReplyCode(digits: Array("451".utf8))?.isTransientFailure == true)
        #expect(ReplyCode(digits: Array("554".utf8))?.isPermanentFailure == true)
        for refused in ["199", "600", "260", "25a", "2500", " 25"] {
            #expect(ReplyCode(digits: Array(refused.utf8)) == nil, "\(refused)")
        }
    }

    @Test(arguments: [
        ("5.1.1 <nobody@example.test>: unknown", "5.1.1", "<nobody@example.test>: unknown"),
        ("2.0.0 Ok: queued as 1234", "2.0.0", "Ok: queued as 1234"),
        ("4.7.0", "4.7.0", ""),
        ("5.7.139 Authentication unsuccessful", "5.7.139", "Authentication unsuccessful"),
    ])
    func enhancedStatusCodesAreRead(text: String, code: String, rest: String) throws {
        let parsed = try #require(EnhancedStatusCode.parse(atStartOf: Substring(text)))
        #expect(parsed.code.description == code)
        #expect(parsed.rest == Substring(rest))
    }

    @Test(arguments: ["3.1.1 x", "5.1 x", "5.1.1x", "5..1", "5.1234.1", "Ok", "", "5.1.1000"])
    func notEnhancedStatusCodes(text: String) {
        #expect(EnhancedStatusCode.parse(atStartOf: Substring(text)) == nil)
    }

    @Test func replyTextAndItsStatus() {
        let reply = SMTPReply(code: ReplyCode(550)!, lines: ["5.1.1 <x@example.test>: User unknown", "5.1.1 more"])
        #expect(reply.enhancedStatus?.description == "5.1.1")
        #expect(reply.text == "5.1.1 <x@example.test>: User unknown 5.1.1 more")
        #expect(SMTPReply(code: ReplyCode(250)!, lines: []).lines == [""])
    }

    /// Postfix's EHLO after STARTTLS, with the obsolete AUTH= form and a line that is no keyword.
    @Test func ehloExtensions() {
        let reply = SMTPReply(code: ReplyCode(250)!, lines: [
            "smtp.example.test Hello", "PIPELINING", "SIZE 10240000", "AUTH PLAIN LOGIN", "AUTH=PLAIN XOAUTH2",
            "ENHANCEDSTATUSCODES", "8BITMIME", "-not a keyword", "starttls",
        ])
        let extensions = ServerExtensions(ehloReply: reply)
        #expect(extensions.serverName == "smtp.example.test")
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN", "XOAUTH2"])
        #expect(extensions.sizeLimit == 10_240_000)
        #expect(extensions.offersStartTLS && extensions.offersPipelining && extensions.offersEnhancedStatusCodes)
        #expect(!extensions.keywords.contains("-NOT"))
        #expect(extensions.has("8BITMIME"))
    }

    @Test func sizeWithoutANumberOrTooLarge() {
        for line in ["SIZE", "SIZE lots", "SIZE 99999999999999999999999", "SIZE -1"] {
            let extensions = ServerExtensions(ehloReply: SMTPReply(code: ReplyCode(250)!, lines: ["mx", line]))
            #expect(extensions.has("SIZE"))
            #expect(extensions.sizeLimit == nil, "\(line)")
        }
    }
}
