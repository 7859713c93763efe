import IMAPProtocol
import Testing

@Suite("ResponseTranscript")
struct ResponseTranscriptTests {
    @Test(arguments: [
        ("* OK ready\r\n", "* OK ready"),
        ("* 1 FETCH (BODY[] {11}\r\nSecret mail)\r\n", "* 1 FETCH (BODY[] {11} <11 octets>)"),
        ("* QUOTAROOT {5}\r\nINBOX {3}\r\nabc\r\n", "* QUOTAROOT {5} <5 octets> {3} <3 octets>"),
        ("* OK bell\u{7} tab\t\r\n", "* OK bell\\x07 tab\\x09"),
        ("* OK Grüße\r\n", "* OK Grüße"),
        ("* OK \u{202E}evil\r\n", "* OK \\xE2\\x80\\xAEevil"),
        ("* OK partial", "* OK partial"),
    ])
    func renders(frame: String, expected: String) {
        #expect(ResponseTranscript.render(bytes(frame)) == expected)
    }

    @Test func neverShowsLiteralContent() {
        let rendered = ResponseTranscript.render(bytes("* 1 FETCH (BODY[] {25}\r\nPassword: hunter2 inside)\r\n"))
        #expect(!rendered.contains("hunter2"))
    }

    @Test func invalidUTF8IsEscaped() {
        #expect(ResponseTranscript.render([0x2A, 0x20, 0xFF, 0xC3, 0x0D, 0x0A]) == "* \\xFF\\xC3")
    }

    @Test func truncatesWithEllipsis() {
        let rendered = ResponseTranscript.render(bytes("* OK " + String(repeating: "x", count: 1000) + "\r\n"), maxLength: 20)
        #expect(rendered == "* OK xxxxxxxxxxxxxxx…")
    }

    @Test func stripsControlCharactersFromServerText() {
        #expect("Login\u{1B}[31m failed\r\n\u{202E}x\tnow".strippingControlCharacters == "Login[31m failedx now")
        #expect("Grüße".strippingControlCharacters == "Grüße")
    }
}
