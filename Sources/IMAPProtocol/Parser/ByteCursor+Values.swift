extension ByteCursor {
    /// Skips one value of any shape (atom, number, NIL, quoted, literal, or a parenthesised list of values) and
    /// returns its bytes. Iterative, and bounded by `ParserOptions.maxNestingDepth`.
    mutating func skipValue() throws(ParseError) -> ArraySlice<UInt8> {
        let start = index
        var depth = 0
        repeat {
            switch current {
            case UInt8(ascii: "("):
                depth += 1
                guard depth <= options.maxNestingDepth else {
                    throw error(.nestingTooDeep(limit: options.maxNestingDepth))
                }
                index += 1
                continue
            case UInt8(ascii: ")") where depth > 0:
                depth -= 1
                index += 1
            case UInt8(ascii: " ") where depth > 0:
                index += 1
                continue
            case UInt8(ascii: "\""):
                _ = try quoted()
            case UInt8(ascii: "{"), UInt8(ascii: "~"):
                _ = try literal()
            default:
                _ = try take("value", while: Self.isTokenChar)
            }
        } while depth > 0
        return bytes[start..<index]
    }

    private static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "\r"),
             UInt8(ascii: "\n"), UInt8(ascii: "{"):
            return false
        default:
            return true
        }
    }
}
