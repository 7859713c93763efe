import SMTPProtocol
import Testing

/// `ReplyFramer`: every fixture fed whole, one byte at a time and split at every position gives the same replies,
/// and each broken rule ends the stream with its own error after the replies completed before it.
@Suite struct ReplyFramerTests {
    /// What a framer made of a stream: the replies, then the error if one ended it, and the bytes left unread.
    struct Outcome: Equatable {
        var replies: [SMTPReply] = []
        var error: ReplyFramingError?
        var buffered = 0
    }

    static func feed(_ chunks: [ArraySlice<UInt8>], options: ReplyFramingOptions = ReplyFramingOptions()) -> Outcome {
        var framer = ReplyFramer(options: options)
        var outcome = Outcome()
        for chunk in chunks {
            framer.append(chunk)
            do {
                while let reply = try framer.next() { outcome.replies.append(reply) }
            } catch {
                outcome.error = error
                break
            }
        }
        outcome.buffered = framer.bufferedByteCount
        return outcome
    }

    /// The stream whole, byte by byte, and cut in two at every position.
    static func chunkings(_ text: String) -> [[ArraySlice<UInt8>]] {
        let bytes = Array(text.utf8)
        var ways = [[bytes[...]], bytes.indices.map { bytes[$0...$0] }]
        for cut in 1..<max(1, bytes.count) { ways.append([bytes[..<cut], bytes[cut...]]) }
        return ways
    }

    static func reply(_ code: Int, _ lines: String...) -> SMTPReply {
        SMTPReply(code: ReplyCode(code)!, lines: lines)
    }

    static let fixtures: [(String, Outcome)] = [
        ("220 smtp.example.test ESMTP\r\n", Outcome(replies: [reply(220, "smtp.example.test ESMTP")])),
        (
            "250-smtp.example.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 STARTTLS\r\n",
            Outcome(replies: [reply(250, "smtp.example.test", "PIPELINING", "SIZE 10240000", "STARTTLS")])
        ),
        // A code alone is a whole last line; an empty continuation line is one too.
        ("250\r\n354-\r\n354 go\r\n", Outcome(replies: [reply(250, ""), reply(354, "", "go")])),
        // Two replies in one read, the second incomplete.
        ("221 2.0.0 Bye\r\n250-a\r\n", Outcome(replies: [reply(221, "2.0.0 Bye")], buffered: 7)),
        // UTF-8 text is kept as it is.
        ("550 5.1.1 nöbody\r\n", Outcome(replies: [reply(550, "5.1.1 nöbody")])),
    ]

    @Test(arguments: fixtures)
    func fixturesFramedTheSameHoweverTheyArrive(input: String, expected: Outcome) {
        for chunks in Self.chunkings(input) {
            #expect(Self.feed(chunks) == expected, "\(chunks.map(\.count))")
        }
    }

    /// Invalid UTF-8 from a server is decoded with replacement characters, not refused; control bytes are kept for
    /// the transcript to escape.
    @Test func invalidUTF8IsReplaced() throws {
        var framer = ReplyFramer()
        framer.append([UInt8]("550 x".utf8) + [7, 0xFF] + [UInt8]("y\r\n".utf8))
        #expect(try framer.next() == Self.reply(550, "x\u{7}\u{FFFD}y"))
    }

    static let broken: [(String, ReplyFramingError, Int)] = [
        ("220 ok\r\n250 fine\n", .bareLineFeed(offset: 16), 1),
        ("220 ok\r\nHTTP/1.1 400 Bad\r\n", .malformedLine(excerpt: "HTTP/1.1 400 Bad"), 1),
        ("2x0 no\r\n", .malformedLine(excerpt: "2x0 no"), 0),
        ("250xhello\r\n", .malformedLine(excerpt: "250xhello"), 0),
        ("600 no\r\n", .malformedLine(excerpt: "600 no"), 0),
        ("270 no\r\n", .malformedLine(excerpt: "270 no"), 0),
        ("25\r\n", .malformedLine(excerpt: "25"), 0),
        ("250-a\r\n251 b\r\n", .codeMismatch(expected: ReplyCode(250)!, found: ReplyCode(251)!), 0),
    ]

    @Test(arguments: broken)
    func brokenStreamsEndWithTheirError(input: String, error: ReplyFramingError, repliesBefore: Int) {
        for chunks in Self.chunkings(input) {
            let outcome = Self.feed(chunks)
            #expect(outcome.error == error, "\(chunks.map(\.count))")
            #expect(outcome.replies.count == repliesBefore)
        }
    }

    /// The longest line accepted counts its CRLF; one byte more fails as it arrives, before any LF.
    @Test func lineLimitHoldsAsBytesArrive() {
        let options = ReplyFramingOptions(maxLineLength: 12, maxLines: 3)
        let fits = "250 " + String(repeating: "x", count: 6) + "\r\n"
        #expect(Self.feed([Array(fits.utf8)[...]], options: options).replies.count == 1)
        let endless = Array(("250 " + String(repeating: "x", count: 100_000)).utf8)
        #expect(Self.feed([endless[...]], options: options).error == .lineTooLong(limit: 12))
        let many = String(repeating: "250-a\r\n", count: 3) + "250 b\r\n"
        #expect(Self.feed([Array(many.utf8)[...]], options: options).error == .tooManyLines(limit: 3))
    }

    /// After the 220 to STARTTLS nothing may be buffered: bytes sent behind it count, complete or not.
    @Test func bytesBehindAReplyAreCounted() throws {
        var framer = ReplyFramer()
        framer.append(Array("220 2.0.0 Ready to start TLS\r\n250 injected\r\n".utf8))
        #expect(try framer.next()?.code == ReplyCode(220))
        #expect(framer.bufferedByteCount == 14)
        var clean = ReplyFramer()
        clean.append(Array("220 2.0.0 Ready to start TLS\r\n".utf8))
        _ = try clean.next()
        #expect(clean.bufferedByteCount == 0)
    }
}
