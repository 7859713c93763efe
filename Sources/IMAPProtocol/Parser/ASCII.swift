/// Byte classes of the IMAP grammar (RFC 9051 §9).
enum ASCII {
    static func upper(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) ? byte - 32 : byte
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }

    // CTL = %x00-1F / %x7F
    static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }

    // ATOM-CHAR = <any CHAR except atom-specials>
    // atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
    static func isAtomChar(_ byte: UInt8) -> Bool {
        guard byte < 0x80, !isControl(byte) else { return false }
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: " "), UInt8(ascii: "%"),
             UInt8(ascii: "*"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "]"):
            return false
        default:
            return true
        }
    }

    // ASTRING-CHAR = ATOM-CHAR / resp-specials
    static func isAStringChar(_ byte: UInt8) -> Bool { isAtomChar(byte) || byte == UInt8(ascii: "]") }

    // tag = 1*<any ASTRING-CHAR except "+">
    static func isTagChar(_ byte: UInt8) -> Bool { isAStringChar(byte) && byte != UInt8(ascii: "+") }

    /// A byte of a flag after an optional backslash: an atom character, or `*` for `\*`.
    static func isFlagChar(_ byte: UInt8) -> Bool { isAtomChar(byte) || byte == UInt8(ascii: "*") }
}
