extension ByteCursor {
    // quoted = DQUOTE *QUOTED-CHAR DQUOTE
    // QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials / UTF8-2 / UTF8-3 / UTF8-4
    mutating func quoted() throws(ParseError) -> [UInt8] {
        try expect(UInt8(ascii: "\""), "DQUOTE")
        var result: [UInt8] = []
        while true {
            guard let byte = current, byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "\n") else {
                throw unexpected("closing DQUOTE")
            }
            index += 1
            if byte == UInt8(ascii: "\"") { return result }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = current, escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                    throw unexpected("quoted-specials after \\")
                }
                index += 1
                result.append(escaped)
            } else {
                result.append(byte)
            }
        }
    }

    // literal  = "{" number64 ["+"] "}" CRLF *CHAR8
    // literal8 = "~{" number64 "}" CRLF *OCTET
    mutating func literal() throws(ParseError) -> [UInt8] {
        _ = skip(UInt8(ascii: "~"))
        try expect(UInt8(ascii: "{"), "{")
        let length: UInt64 = try number()
        _ = skip(UInt8(ascii: "+"))
        try expect(UInt8(ascii: "}"), "}")
        try expect(UInt8(ascii: "\r"), "CR")
        try expect(UInt8(ascii: "\n"), "LF")
        let available = bytes.count - index
        guard length <= UInt64(available) else {
            throw error(.literalExceedsFrame(announced: length, available: available))
        }
        let data = Array(bytes[index..<(index + Int(length))])
        index += Int(length)
        return data
    }

    // string = quoted / literal
    mutating func string() throws(ParseError) -> [UInt8] {
        switch current {
        case UInt8(ascii: "\""): return try quoted()
        case UInt8(ascii: "{"), UInt8(ascii: "~"): return try literal()
        default: throw unexpected("string")
        }
    }

    // astring = 1*ASTRING-CHAR / string
    mutating func astring() throws(ParseError) -> [UInt8] {
        switch current {
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "~"): return try string()
        default: return Array(try take("astring", while: ASCII.isAStringChar))
        }
    }

    /// An astring decoded as UTF-8 (invalid sequences become U+FFFD).
    mutating func astringText() throws(ParseError) -> String {
        String(decoding: try astring(), as: UTF8.self)
    }

    // nstring = string / nil
    mutating func nstring() throws(ParseError) -> [UInt8]? {
        if skip(keyword: "NIL") { return nil }
        return try string()
    }
}
