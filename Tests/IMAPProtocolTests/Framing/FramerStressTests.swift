import IMAPProtocol
import Testing

@Suite("Framer and parser under hostile input")
struct FramerStressTests {
    @Test func endlessLineFedByteByByteStopsAtTheLimit() {
        var framer = ResponseFramer()
        let limit = FramingOptions().maxLineLength
        var fed = 0
        var failure: FramingError?
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        for byte in line {
            framer.append(CollectionOfOne(byte))
            fed += 1
            do { _ = try framer.next() } catch {
                failure = error
                break
            }
            #expect(framer.bufferedByteCount <= limit)
        }
        #expect(failure == .lineTooLong(LineTooLong(limit: limit, observed: limit + 1)))
        #expect(fed == limit + 1)
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func megabyteLineInOneChunkFailsWithoutKeepingIt() {
        var framer = ResponseFramer()
        framer.append([UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20))
        #expect(framer.bufferedByteCount == 0)
        #expect(throws: FramingError.lineTooLong(LineTooLong(limit: 16_384, observed: 16_385))) { try framer.next() }
    }

    @Test func hugeLiteralAnnouncementFailsBeforeAnyData() {
        let result = FramingHarness.runEveryWay(bytes("* 1 FETCH (BODY[] {1000000000000000}\r\n"))
        #expect(result.error == .literalTooLarge(LiteralTooLarge(limit: 16 << 20, announced: 1_000_000_000_000_000)))
    }

    @Test func literalLengthAboveUInt64Overflows() {
        let result = FramingHarness.runEveryWay(bytes("* 1 FETCH (BODY[] {18446744073709551617}\r\n"))
        #expect(result.error == .literalLengthOverflow(LiteralLengthOverflow(digitCount: 20)))
        #expect(throws: ParseError(.numberOverflow, offset: 19)) {
            try ResponseParser.parse(bytes("* 1 FETCH (BODY[] {18446744073709551617}\r\n"))
        }
    }

    @Test func deepParenthesesEndInNestingError() {
        let depth = 5_000
        let frame = bytes("* 1 FETCH (BODYSTRUCTURE ") + [UInt8](repeating: UInt8(ascii: "("), count: depth)
            + [UInt8](repeating: UInt8(ascii: ")"), count: depth) + bytes(")\r\n")
        let result = FramingHarness.run([frame[...]])
        #expect(result.frames.count == 1)
        #expect(throws: ParseError(.nestingTooDeep(limit: 32), offset: 25 + 32)) { try ResponseParser.parse(frame) }
    }

    /// A quadratic framer would need ~10^12 steps here; a linear one finishes in well under a second.
    @Test func largeLiteralFedByteByByteIsLinear() throws {
        let size = 1 << 20
        var framer = ResponseFramer()
        framer.append(bytes("* 1 FETCH (BODY[] {\(size)}\r\n"))
        for _ in 0..<size { framer.append(CollectionOfOne(UInt8(ascii: "m"))) }
        #expect(try framer.next() == nil)
        framer.append(bytes(")\r\n"))
        let frame = try framer.next()
        #expect(frame?.count == size + 32)  // 29-byte announcement line, the literal, ")\r\n"
        #expect(framer.bufferedByteCount == 0)
    }

    @Test(arguments: 0..<200)
    func randomGarbageNeverTraps(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let length = Int(generator.next() % 300)
        var garbage: [UInt8] = []
        for _ in 0..<length {
            // Bias towards grammar characters so the parser gets deep before failing.
            let alphabet = bytes("* ()[]{}~+\"\\0123456789 AOKNOBADFETCHQUOTA\r\n")
            garbage.append(generator.next() % 3 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : alphabet[Int(generator.next() % UInt64(alphabet.count))])
        }
        let options = FramingOptions(maxLineLength: 200, maxLiteralSize: 100, maxResponseSize: 400)
        let result = FramingHarness.run([garbage[...]], options: options)
        let byteByByte = FramingHarness.run(garbage.indices.map { garbage[$0...$0] }, options: options)
        #expect(result == byteByByte)
        for frame in result.frames {
            #expect(frame.count <= 400)
            do {
                _ = try ResponseParser.parse(frame)
            } catch {
                #expect(error.offset >= 0 && error.offset <= frame.count)
            }
            #expect(ResponseTranscript.render(frame).count <= 513)
        }
    }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
