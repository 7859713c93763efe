import Config
import Foundation
import Testing

/// `SecretScrubber`: every form of a secret (raw, quoted, base64 at each alignment), matched as bytes, so
/// nothing a server wraps around it (a combining mark, a longer base64 text) keeps it.
@Suite struct SecretScrubberTests {
    static let secret = "hunter2-Secret-\u{00E9}t\u{00E9}-42"

    @Test(arguments: [
        ("said: \(secret) ok", "said: <redacted> ok"),
        ("said: \(secret)\u{301} ok", "said: <redacted>\u{301} ok"),
        ("said: \(secret)\u{FE0F}", "said: <redacted>\u{FE0F}"),
        ("\u{301}\(secret)", "\u{301}<redacted>"),
        ("nothing here", "nothing here"),
        ("\(secret)\(secret)", "<redacted><redacted>"),
        ("ends in \(secret)", "ends in <redacted>"),
        // A text that ends part way through the secret, or is shorter than any form, keeps what it has.
        ("cut: \(secret.dropLast())", "cut: \(secret.dropLast())"),
        ("h", "h"),
        ("hh\(secret)h", "hh<redacted>h"),
    ])
    func rawFormsAreReplacedWhateverFollows(text: String, expected: String) {
        #expect(SecretScrubber([Secret(Self.secret)]).scrub(text) == expected)
    }

    @Test func quotedFormIsReplaced() {
        let secret = #"pa"ss\word-1234"#
        #expect(SecretScrubber([Secret(secret)]).scrub(#"LOGIN "u" "pa\"ss\\word-1234""#) == #"LOGIN "u" "<redacted>""#)
    }

    /// Whatever bytes stand before and after the secret, its base64 keeps a run that the scrubber finds.
    @Test(arguments: 0..<12)
    func base64AtEveryAlignmentLosesEveryCharacterTheSecretDecides(prefixLength: Int) {
        var generator = SystemRandomNumberGenerator()
        let secret = Array("ya29.a0AfB_token-\(prefixLength)-0123456789abcdef".utf8)
        let prefix = (0..<prefixLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let suffix = (0..<(prefixLength % 5)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encoded = Data(prefix + secret + suffix).base64EncodedString()
        let scrubbed = SecretScrubber([Secret(String(decoding: secret, as: UTF8.self))]).scrub("NO \(encoded)")
        // Exactly the characters whose 6 bits all come from the secret are gone.
        let first = (8 * prefix.count + 5) / 6
        let end = (8 * (prefix.count + secret.count)) / 6
        let expected = String(encoded.prefix(first)) + "<redacted>" + String(encoded.dropFirst(end))
        #expect(scrubbed == "NO \(expected)", "\(encoded)")
    }

    /// A list is scrubbed text by text; a form is found when it is the whole text or ends it (the scan stops
    /// where the shortest form no longer fits); a scrubber without forms changes nothing, bytes included.
    @Test func listsWholeTextsAndTextEnds() {
        let scrubber = SecretScrubber([Secret(Self.secret)])
        #expect(scrubber.scrub(["IMAP4REV1", "X-\(Self.secret)", ""]) == ["IMAP4REV1", "X-<redacted>", ""])
        #expect(scrubber.scrub(Self.secret) == "<redacted>")
        #expect(scrubber.scrubbed("nothing here") == nil)
        let short = SecretScrubber([], extraForms: ["ab"])
        #expect(short.scrub("xxab") == "xx<redacted>")
        #expect(short.scrub("ab") == "<redacted>")
        #expect(short.scrub("a") == "a")
        #expect(SecretScrubber([]).scrubbed([1, 2, 3]) == nil)
        #expect(SecretScrubber([]).scrub(["a"]) == ["a"])
    }

    @Test func formsOfAnEmptySecretAreNone() {
        #expect(SecretScrubber.forms(of: "").isEmpty)
        #expect(SecretScrubber([Secret("")]).isEmpty)
        #expect(SecretScrubber([Secret("")]).scrub("a b") == "a b")
    }
}
