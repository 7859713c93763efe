import IMAPProtocol
import Testing

@Suite("ResponseTranscript")
struct ResponseTranscriptTests {
    @Test(arguments: [
        ("* OK ready\r\n", "* OK ready"),
        ("* 1 FETCH (BODY[] {11}\r\nSecret mail)\r\n", "* 1 FETCH (BODY[] {11} <11 octets>)"),
        ("* QUOTAROOT {5}\r\nINBOX {3}\r\nabc\r\n", "* QUOTAROOT {5} <5 octets> {3} <3 octets>"),
        ("* OK bell\u{7} tab\t esc\u{1B}[2J del\u{7F} csi\u{9B}\r\n", #"* OK bell\u{7} tab\u{9} esc\u{1B}[2J del\u{7F} csi\u{9B}"#),
        ("* OK Grüße\r\n", "* OK Grüße"),
        ("* OK \u{202E}evil\r\n", #"* OK \u{202E}evil"#),
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

    @Test(
        "server text shows every control, C1, DEL, separator and bidi scalar as \\u{..}, printable text as is",
        arguments: [
            ("Login\u{1B}[31m failed\r\n\u{202E}x\tnow", #"Login\u{1B}[31m failed\u{D}\u{A}\u{202E}x\u{9}now"#),
            ("nul\u{0} del\u{7F} csi\u{9B} nel\u{85} ls\u{2028} lri\u{2066} rlm\u{200F}",
             #"nul\u{0} del\u{7F} csi\u{9B} nel\u{85} ls\u{2028} lri\u{2066} rlm\u{200F}"#),
            ("Grüße ✓ 日本 \\ a\\u{1B}", "Grüße ✓ 日本 \\ a\\u{1B}"),
        ])
    func escapesControlCharactersInServerText(text: String, shown: String) {
        #expect(text.escapingControlCharacters == shown)
        #expect(text.escapingControlCharacters.escapingControlCharacters == shown, "escaping twice changes nothing")
    }

    @Test func oneLineTurnsLineBreaksIntoSpacesAndEscapesTheRest() {
        #expect("bad\r\nthing\nhere\ttab\u{1B}[2J\u{202E}".oneLine == #"bad thing here tab\u{1B}[2J\u{202E}"#)
    }
}
