import SMTPProtocol
import Testing

/// The probe's message: findable by its token, and no header can be added through what it is made from.
@Suite struct ProbeMessageTests {
    @Test func theMessageCarriesItsTokenThreeTimes() throws {
        let message = try ProbeMessage(
            token: "4f1c2a9e-77", from: MailAddress("flow@example.test"), to: MailAddress("flow+Junk@example.test"),
            unixTime: 1_796_676_900, hostName: "probe.example.org")
        let text = String(decoding: message.bytes, as: UTF8.self)
        #expect(text.hasPrefix("Date: Mon, 07 Dec 2026 20:55:00 +0000\r\nFrom: <flow@example.test>\r\n"))
        #expect(text.contains("\r\nTo: <flow+Junk@example.test>\r\n"))
        #expect(text.contains("\r\nSubject: imapwatch mail-flow probe 4f1c2a9e-77\r\n"))
        #expect(text.contains("\r\nMessage-ID: <4f1c2a9e-77@probe.example.org>\r\n"))
        #expect(text.contains("\r\nX-Imapwatch-Probe: 4f1c2a9e-77\r\n"))
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacing("\r\n", with: "").contains("\n"))
    }

    @Test(arguments: ["short", "token\r\nBcc: x@y", "tök-en-123", "token token", String(repeating: "a", count: 65)])
    func badTokensAreRefused(token: String) throws {
        let flow = try MailAddress("flow@example.test")
        #expect(throws: ProbeMessage.Problem.invalidToken(token)) {
            try ProbeMessage(token: token, from: flow, to: flow, unixTime: 0, hostName: "h.example")
        }
        #expect(throws: ProbeMessage.Problem.invalidHostName("h\r\nX: y")) {
            try ProbeMessage(token: "abcdefgh", from: flow, to: flow, unixTime: 0, hostName: "h\r\nX: y")
        }
    }

    @Test(arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 +0000"), (951_782_400, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (4_107_542_399, "Sun, 28 Feb 2100 23:59:59 +0000"), (-1, "Wed, 31 Dec 1969 23:59:59 +0000"),
    ])
    func datesAsRFC5322WritesThem(unixTime: Int, text: String) {
        #expect(RFC5322Date.format(unixTime: unixTime) == text)
    }
}
