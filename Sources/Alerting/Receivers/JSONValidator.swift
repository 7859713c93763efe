/// A strict RFC 8259 check of one JSON text: exactly one value with optional whitespace around it, strings
/// without raw control characters, escapes and numbers as the grammar has them, `\u` surrogates in pairs.
///
/// Iterative (an explicit stack, not recursion), so deep nesting cannot exhaust the thread's stack. It checks
/// and builds nothing. The bytes are taken to be UTF-8 already (they come from a Swift `String`).
package struct JSONValidator {
    /// Where the text stops being JSON and why.
    package struct Problem: Error, Sendable, Hashable {
        /// The zero-based byte offset of the first byte that does not fit.
        package var offset: Int
        /// What was expected or found there.
        package var reason: String
    }

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The first problem in `bytes`, or `nil` when they are one JSON text.
    package static func problem(in bytes: [UInt8]) -> Problem? {
        var validator = JSONValidator(bytes)
        do {
            try validator.document()
            return nil
        } catch {
            return error
        }
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func fail(_ reason: String) -> Problem {
        let found = current.map { byte in
            (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        }
        return Problem(offset: position, reason: reason + (found.map { ", found \($0)" } ?? ", found the end"))
    }

    private mutating func document() throws(Problem) {
        var open: [UInt8] = []  // `{` or `[` for each container still open
        var expectingValue = true
        while true {
            skipWhitespace()
            if expectingValue {
                try value(&open, expectingValue: &expectingValue)
                continue
            }
            guard let container = open.last else {
                if current == nil { return }
                throw fail("expected the end after the value")
            }
            let close = Self.closing(container)
            if current == UInt8(ascii: ",") {
                position += 1
                if container == UInt8(ascii: "{") { try memberName() }
                expectingValue = true
            } else if current == close {
                position += 1
                open.removeLast()
            } else {
                throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))'")
            }
        }
    }

    /// One value, or the opening of a non-empty container (then the value expected next is its first).
    private mutating func value(_ open: inout [UInt8], expectingValue: inout Bool) throws(Problem) {
        expectingValue = false
        guard let byte = current else { throw fail("expected a value") }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            position += 1
            skipWhitespace()
            if current == Self.closing(byte) {
                position += 1
            } else {
                open.append(byte)
                if byte == UInt8(ascii: "{") { try memberName() }
                expectingValue = true
            }
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw fail("expected a value")
        }
    }

    /// `}` for `{`, `]` for `[`.
    private static func closing(_ opening: UInt8) -> UInt8 {
        opening == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
    }

    /// A member's name and the colon after it.
    private mutating func memberName() throws(Problem) {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw fail("expected a string as the member name") }
        try string()
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw fail("expected ':' after the member name") }
        position += 1
    }

    private mutating func string() throws(Problem) {
        position += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return
            case UInt8(ascii: "\\"):
                position += 1
                try escape()
            case 0x00...0x1F:
                throw fail("a control character must be escaped in a string")
            default:
                position += 1
            }
        }
        throw fail("expected the string's closing '\"'")
    }

    /// The part of an escape after the backslash; a high surrogate must be followed by a low one.
    private mutating func escape() throws(Problem) {
        guard let byte = current else { throw fail("expected an escape") }
        if Self.singleEscapes.contains(byte) {
            position += 1
            return
        }
        guard byte == UInt8(ascii: "u") else { throw fail("expected an escape") }
        position += 1
        let unit = try hexUnit()
        if (0xDC00...0xDFFF).contains(unit) { throw fail("a low surrogate escape without a high one before it") }
        guard (0xD800...0xDBFF).contains(unit) else { return }
        guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u")
        else { throw fail("expected a low surrogate escape after a high one") }
        position += 2
        guard (0xDC00...0xDFFF).contains(try hexUnit()) else {
            position -= 4
            throw fail("expected a low surrogate escape after a high one")
        }
    }

    /// Four hex digits.
    private mutating func hexUnit() throws(Problem) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else { throw fail("expected 4 hex digits") }
            unit = unit * 16 + digit
            position += 1
        }
        return unit
    }

    /// The bytes that may follow a backslash on their own.
    private static let singleEscapes = Set(#""\/bfnrt"#.utf8)

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(Problem) {
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            try digits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            try digits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            try digits()
        }
    }

    /// One or more decimal digits.
    private mutating func digits() throws(Problem) {
        guard let byte = current, Self.isDigit(byte) else { throw fail("expected a digit") }
        while let byte = current, Self.isDigit(byte) { position += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private mutating func literal(_ word: String) throws(Problem) {
        for byte in word.utf8 {
            guard current == byte else { throw fail("expected '\(word)'") }
            position += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }
}
