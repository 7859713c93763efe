/// A read position in one frame, with the grammar's primitive tokens. Every failure is a `ParseError` carrying
/// the offset; nothing here traps on input.
struct ByteCursor {
    let bytes: [UInt8]
    var index: Int
    let options: ParserOptions

    init(_ bytes: [UInt8], options: ParserOptions) {
        self.bytes = bytes
        self.index = 0
        self.options = options
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    var atEndOfLine: Bool { current == UInt8(ascii: "\r") || current == nil }

    func error(_ reason: ParseError.Reason) -> ParseError { ParseError(reason, offset: index) }

    func unexpected(_ expected: String) -> ParseError {
        guard let current else { return error(.unexpectedEnd(expected: expected)) }
        return error(.unexpectedByte(current, expected: expected))
    }

    mutating func expect(_ byte: UInt8, _ expected: String) throws(ParseError) {
        guard current == byte else { throw unexpected(expected) }
        index += 1
    }

    mutating func expectSpace() throws(ParseError) { try expect(UInt8(ascii: " "), "SP") }

    /// Consumes `byte` if it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Consumes `word` case-insensitively if it is next.
    mutating func skip(keyword word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        for (offset, byte) in utf8.enumerated() where ASCII.upper(bytes[index + offset]) != ASCII.upper(byte) {
            return false
        }
        index += utf8.count
        return true
    }

    // CRLF = CR LF
    /// Consumes the final CRLF and requires it to end the frame.
    mutating func expectEnd() throws(ParseError) {
        try expect(UInt8(ascii: "\r"), "CR")
        try expect(UInt8(ascii: "\n"), "LF")
        guard index == bytes.count else { throw error(.trailingBytes) }
    }

    /// Consumes bytes while `predicate` holds and returns them; requires at least one.
    mutating func take(_ expected: String, while predicate: (UInt8) -> Bool) throws(ParseError) -> ArraySlice<UInt8> {
        let start = index
        while let byte = current, predicate(byte) { index += 1 }
        guard index > start else { throw unexpected(expected) }
        return bytes[start..<index]
    }

    // atom = 1*ATOM-CHAR
    mutating func atom() throws(ParseError) -> String {
        String(decoding: try take("atom", while: ASCII.isAtomChar), as: UTF8.self)
    }

    // text = 1*TEXT-CHAR   (the rest of the line, possibly empty here)
    mutating func restOfLine() -> String {
        let start = index
        while let byte = current, byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "\n") { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}
