import Prober
import Testing

/// The loop's token: one loop's tokens share a prefix, a parsed token is exactly what was made, and anything a
/// server could send that is not one is refused.
@Suite("Mail-flow loop tokens")
struct LoopTokenTests {
    struct Fixed: RandomNumberGenerator {
        var value: UInt64
        mutating func next() -> UInt64 { value }
    }

    @Test("iw-<loop>-<seconds>-<nonce>: the loop from the identity, stable; the nonce from the generator")
    func format() {
        var generator = Fixed(value: 0xdead_beef)
        let token = LoopToken(identity: "mail.example.org", unixTime: 1_796_688_000, using: &generator)
        let again = LoopToken(identity: "mail.example.org", unixTime: 1_796_688_001)
        let other = LoopToken(identity: "mail.example.net", unixTime: 1_796_688_000)
        #expect(token.description.hasPrefix(token.loopPrefix))
        #expect(token.loop == again.loop && token.loop != other.loop)
        #expect(token.loop.count == 8 && token.nonce.count == 8)
        #expect(token.description == "iw-\(token.loop)-1796688000-\(token.nonce)")
        // FNV-1a of the identity: the same on every run and build, which a loop's clean-up depends on.
        #expect(LoopToken(identity: "", unixTime: 0).loop == "811c9dc5")
    }

    @Test("a token reads back as itself")
    func roundTrip() throws {
        let token = LoopToken(identity: "loop", unixTime: 1_700_000_000)
        let parsed = try #require(LoopToken(Substring(token.description)))
        #expect(parsed == token)
        #expect(parsed.unixTime == 1_700_000_000)
    }

    @Test("what is not a token is refused", arguments: [
        "", "iw-", "iw-0123abcd-17-0123abc", "iw-0123ABCD-17-0123abcd", "xx-0123abcd-17-0123abcd",
        "iw-0123abcd-1a-0123abcd", "iw-0123abcd--0123abcd", "iw-0123abcd-17-0123abcd-", "iw-0123abcd-1234567890123-0123abcd",
        "iw-0123abcd-17-0123abcd\r\n", "iw-0123abcd-+17-0123abcd",
    ])
    func refused(_ text: String) {
        #expect(LoopToken(Substring(text)) == nil)
    }
}
