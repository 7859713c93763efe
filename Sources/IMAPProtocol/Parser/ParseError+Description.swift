extension ParseError: CustomStringConvertible {
    /// A one-line explanation for logs and probe results, e.g. `unexpected byte 0x28 at offset 0, expected tag`.
    public var description: String {
        switch reason {
        case .unexpectedEnd(let expected): "response ended at offset \(offset), expected \(expected)"
        case .unexpectedByte(let byte, let expected):
            "unexpected byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset), expected \(expected)"
        case .numberOverflow: "number too large at offset \(offset)"
        case .zeroNotAllowed: "zero where a non-zero number is required at offset \(offset)"
        case .nestingTooDeep(let limit): "parentheses nested deeper than \(limit) at offset \(offset)"
        case .literalExceedsFrame(let announced, let available):
            "literal of \(announced) octets at offset \(offset) but only \(available) remain"
        case .trailingBytes: "bytes after the final CRLF at offset \(offset)"
        case .notAGreeting: "the first response is not a greeting (* OK, * PREAUTH or * BYE)"
        }
    }
}
