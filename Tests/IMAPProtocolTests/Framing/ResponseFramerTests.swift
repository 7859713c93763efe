import IMAPProtocol
import Testing

@Suite("ResponseFramer")
struct ResponseFramerTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var frames: [String]
        var buffered: Int = 0
        var testDescription: String { name }
    }

    static let fixtures: [Fixture] = [
        Fixture(name: "one line", input: "* OK ready\r\n", frames: ["* OK ready\r\n"]),
        Fixture(name: "two lines", input: "* 3 EXISTS\r\nA1 OK done\r\n", frames: ["* 3 EXISTS\r\n", "A1 OK done\r\n"]),
        Fixture(name: "continuation", input: "+ \r\n", frames: ["+ \r\n"]),
        Fixture(
            name: "literal",
            input: "* 1 FETCH (BODY[] {5}\r\nhello)\r\nA1 OK\r\n",
            frames: ["* 1 FETCH (BODY[] {5}\r\nhello)\r\n", "A1 OK\r\n"]
        ),
        Fixture(
            name: "literal holding CRLF and a fake announcement",
            input: "* 1 FETCH (BODY[] {12}\r\na {99}\r\nb\r\n\n)\r\n",
            frames: ["* 1 FETCH (BODY[] {12}\r\na {99}\r\nb\r\n\n)\r\n"]
        ),
        Fixture(name: "literal8", input: "* 1 FETCH (BINARY[] ~{3}\r\n\0\u{1}\u{2})\r\n", frames: ["* 1 FETCH (BINARY[] ~{3}\r\n\0\u{1}\u{2})\r\n"]),
        Fixture(name: "literal plus tolerated", input: "* LIST () \"/\" {3+}\r\nabc\r\n", frames: ["* LIST () \"/\" {3+}\r\nabc\r\n"]),
        Fixture(name: "empty literal", input: "* QUOTAROOT {0}\r\n\r\n", frames: ["* QUOTAROOT {0}\r\n\r\n"]),
        Fixture(
            name: "two literals in one response",
            input: "* QUOTAROOT {5}\r\nINBOX {10}\r\nUser quota\r\n",
            frames: ["* QUOTAROOT {5}\r\nINBOX {10}\r\nUser quota\r\n"]
        ),
        Fixture(name: "braces that are not an announcement", input: "* OK {abc}\r\n* OK }\r\n", frames: ["* OK {abc}\r\n", "* OK }\r\n"]),
        Fixture(name: "incomplete line", input: "* OK rea", frames: [], buffered: 8),
        Fixture(name: "CR without LF yet", input: "* OK\r", frames: [], buffered: 5),
        Fixture(name: "incomplete literal", input: "A1 OK\r\n* 1 FETCH (BODY[] {5}\r\nhel", frames: ["A1 OK\r\n"], buffered: 26),
        Fixture(name: "empty input", input: "", frames: []),
    ]

    @Test(arguments: fixtures)
    func frames(_ fixture: Fixture) {
        let result = FramingHarness.runEveryWay(bytes(fixture.input))
        #expect(result.frames == fixture.frames.map(bytes))
        #expect(result.error == nil)
        #expect(result.buffered == fixture.buffered)
    }

    struct ErrorFixture: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var options: FramingOptions
        var framesBefore: [String]
        var error: FramingError
        var testDescription: String { name }
    }

    static let errorFixtures: [ErrorFixture] = [
        ErrorFixture(
            name: "line too long", input: "* OK 0123456789", options: FramingOptions(maxLineLength: 10),
            framesBefore: [], error: .lineTooLong(LineTooLong(limit: 10, observed: 11))
        ),
        ErrorFixture(
            name: "line exactly at the limit then one too long", input: "* OK 12\r\n* OK 123\r\n",
            options: FramingOptions(maxLineLength: 9),
            framesBefore: ["* OK 12\r\n"], error: .lineTooLong(LineTooLong(limit: 9, observed: 10))
        ),
        ErrorFixture(
            name: "one byte over both limits names the line", input: "* OK hello\r\n",
            options: FramingOptions(maxLineLength: 5, maxResponseSize: 5),
            framesBefore: [], error: .lineTooLong(LineTooLong(limit: 5, observed: 6))
        ),
        ErrorFixture(
            name: "literal too large", input: "* 1 FETCH (BODY[] {101}\r\n", options: FramingOptions(maxLiteralSize: 100),
            framesBefore: [], error: .literalTooLarge(LiteralTooLarge(limit: 100, announced: 101))
        ),
        ErrorFixture(
            name: "literal length overflows 64 bits", input: "A1 OK\r\n* 1 FETCH (BODY[] {18446744073709551617}\r\n",
            options: FramingOptions(), framesBefore: ["A1 OK\r\n"],
            error: .literalLengthOverflow(LiteralLengthOverflow(digitCount: 20))
        ),
        ErrorFixture(
            name: "response too large by announcement", input: "* X {50}\r\n",
            options: FramingOptions(maxResponseSize: 40), framesBefore: [],
            error: .responseTooLarge(ResponseTooLarge(limit: 40, observed: 60))
        ),
        ErrorFixture(
            name: "response too large across lines", input: "* X {1}\r\na {1}\r\nb {1}\r\nc",
            options: FramingOptions(maxResponseSize: 20), framesBefore: [],
            error: .responseTooLarge(ResponseTooLarge(limit: 20, observed: 21))
        ),
        ErrorFixture(
            name: "bare LF", input: "* OK fine\r\n* OK bare\n", options: FramingOptions(),
            framesBefore: ["* OK fine\r\n"], error: .bareLineFeed(BareLineFeed(offset: 20))
        ),
        ErrorFixture(
            name: "bare LF first", input: "\n", options: FramingOptions(),
            framesBefore: [], error: .bareLineFeed(BareLineFeed(offset: 0))
        ),
    ]

    @Test(arguments: errorFixtures)
    func failsWithTypedError(_ fixture: ErrorFixture) {
        let result = FramingHarness.runEveryWay(bytes(fixture.input), options: fixture.options)
        #expect(result.frames == fixture.framesBefore.map(bytes))
        #expect(result.error == fixture.error)
        #expect(result.buffered == 0, "the response in progress is dropped on error")
    }

    @Test func keepsFailingAndIgnoresLaterBytes() {
        var framer = ResponseFramer(options: FramingOptions(maxLineLength: 4))
        framer.append(bytes("* OK ready\r\n"))
        #expect(throws: FramingError.lineTooLong(LineTooLong(limit: 4, observed: 5))) { try framer.next() }
        framer.append(bytes("* OK\r\n"))
        #expect(framer.bufferedByteCount == 0)
        #expect(throws: FramingError.self) { try framer.next() }
    }

    @Test func bufferedByteCountRevealsBytesAfterAResponse() throws {
        var framer = ResponseFramer()
        framer.append(bytes("A2 OK Begin TLS now\r\n* OK [CAPABILITY IMAP4rev1] injected\r\n"))
        let frame = try framer.next()
        #expect(frame == bytes("A2 OK Begin TLS now\r\n"))
        #expect(framer.bufferedByteCount == 38)
        _ = try framer.next()
        #expect(framer.bufferedByteCount == 0)
        #expect(try framer.next() == nil)
    }

    @Test func manyFramesAcrossManyChunksSurviveCompaction() throws {
        var stream: [UInt8] = []
        for number in 1...3000 { stream += bytes("* \(number) EXISTS\r\n") }
        var framer = ResponseFramer()
        var frames: [[UInt8]] = []
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + 97)
            framer.append(stream[offset..<end])
            offset = end
            while let frame = try framer.next() { frames.append(frame) }
        }
        #expect(frames.count == 3000)
        #expect(frames.last == bytes("* 3000 EXISTS\r\n"))
        #expect(frames.reduce(0) { $0 + $1.count } == stream.count)
    }
}
