/// The token that names one message of the mail-flow loop: `iw-<loop>-<unix seconds>-<nonce>`.
///
/// `<loop>` (8 hex digits) names the loop the message belongs to, so that one `SEARCH HEADER` for `iw-<loop>-`
/// finds every message this loop ever sent into a mailbox, and the time says how old one is without fetching its
/// date. The nonce (8 hex digits) tells two messages of one second apart. Only letters, digits and "-": a token
/// goes into a header and a search as it is.
public struct LoopToken: Hashable, Sendable, CustomStringConvertible {
    /// The loop's name: 8 lower-case hex digits.
    public let loop: String
    /// When the message was made, Unix seconds.
    public let unixTime: Int
    /// 8 lower-case hex digits, random.
    public let nonce: String

    /// A new token of the loop named by `identity` (a target's name), made at `unixTime`.
    public init(identity: String, unixTime: Int, using generator: inout some RandomNumberGenerator) {
        loop = Self.loop(identity: identity)
        self.unixTime = unixTime
        nonce = Self.hex(UInt32.random(in: .min ... .max, using: &generator))
    }

    /// A new token of the loop named by `identity`, with a nonce from the system's generator.
    public init(identity: String, unixTime: Int) {
        var generator = SystemRandomNumberGenerator()
        self.init(identity: identity, unixTime: unixTime, using: &generator)
    }

    /// The token `text` spells; nil for anything else (a header value is the server's to send).
    public init?(_ text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "iw", Self.isHex8(parts[1]), Self.isHex8(parts[3]),
            (1...12).contains(parts[2].utf8.count), parts[2].utf8.allSatisfy({ (48...57).contains($0) }),
            let time = Int(parts[2])
        else { return nil }
        loop = String(parts[1])
        unixTime = time
        nonce = String(parts[3])
    }

    public var description: String { "iw-\(loop)-\(unixTime)-\(nonce)" }

    /// What every token of this loop begins with: the value a `SEARCH HEADER` for all of them looks for.
    public var loopPrefix: String { "iw-\(loop)-" }

    /// The name of the loop `identity` names: what its tokens carry after `iw-`.
    public static func loop(identity: String) -> String {
        hex(fnv1a(identity))
    }

    /// FNV-1a, 32 bits: stable across runs and builds, unlike `Hasher`.
    private static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return hash
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    private static func isHex8(_ text: Substring) -> Bool {
        text.utf8.count == 8 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
