/// One attribute of a FETCH response. Attributes this client does not interpret are kept as `.other`.
public enum FetchAttribute: Hashable, Sendable {
    /// `BODY[section]<origin>` or `BINARY[section]<origin>`: the section text as sent (empty for the whole
    /// message), the partial origin, and the data (`nil` for NIL).
    case bodySection(section: String, origin: Int?, data: [UInt8]?)
    /// `RFC822.SIZE`: the message size in octets.
    case rfc822Size(Int)
    /// `UID`.
    case uid(UInt32)
    /// `FLAGS`.
    case flags([String])
    /// `INTERNALDATE`: when the server received the message, Unix seconds.
    case internalDate(Int64)
    /// Anything else (ENVELOPE, BODYSTRUCTURE, MODSEQ, ...): its upper-cased name and raw value.
    case other(name: String, raw: String)
}

extension FetchAttribute {
    // msg-att-static  = "ENVELOPE" SP envelope / "INTERNALDATE" SP date-time / "RFC822.SIZE" SP number64 /
    //                   "BODY" ["STRUCTURE"] SP body / "BODY" section ["<" number ">"] SP nstring /
    //                   "BINARY" section-binary SP (nstring / literal8) / "BINARY.SIZE" section-binary SP number /
    //                   "UID" SP uniqueid
    // msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> FetchAttribute {
        var name = String(decoding: try cursor.take("fetch attribute", while: isNameChar), as: UTF8.self).uppercased()
        var section: String?
        var origin: Int?
        if cursor.current == UInt8(ascii: "[") {
            let text = try parseSection(from: &cursor)
            section = text
            name += "[" + text + "]"
        }
        if section != nil, cursor.skip(UInt8(ascii: "<")) {
            origin = Int(try cursor.number(UInt32.self))
            try cursor.expect(UInt8(ascii: ">"), ">")
        }
        try cursor.expectSpace()
        let base = name.prefix { $0 != "[" }
        switch base {
        case "BODY" where section != nil, "BINARY" where section != nil:
            return .bodySection(section: section ?? "", origin: origin, data: try cursor.nstring())
        case "RFC822.SIZE":
            return .rfc822Size(try cursor.number())
        case "UID":
            return .uid(try cursor.nonZeroNumber())
        case "FLAGS":
            return .flags(try Flag.parseList(from: &cursor))
        case "INTERNALDATE":
            return .internalDate(try InternalDate.parse(from: &cursor))
        default:
            return .other(name: name, raw: String(decoding: try cursor.skipValue(), as: UTF8.self))
        }
    }

    private static func isNameChar(_ byte: UInt8) -> Bool { ASCII.isAtomChar(byte) && byte != UInt8(ascii: "[") }

    // section = "[" [section-spec] "]"
    /// Reads a section's text up to the matching `]`, skipping quoted strings (header names may be quoted).
    private static func parseSection(from cursor: inout ByteCursor) throws(ParseError) -> String {
        try cursor.expect(UInt8(ascii: "["), "[")
        let start = cursor.index
        while true {
            switch cursor.current {
            case UInt8(ascii: "]"):
                let text = String(decoding: cursor.bytes[start..<cursor.index], as: UTF8.self)
                cursor.index += 1
                return text
            case UInt8(ascii: "\""):
                _ = try cursor.quoted()
            case nil, UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                throw cursor.unexpected("]")
            default:
                cursor.index += 1
            }
        }
    }

    // msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"
    /// Reads a parenthesised attribute list; an empty list is tolerated.
    static func parseList(from cursor: inout ByteCursor) throws(ParseError) -> [FetchAttribute] {
        try cursor.expect(UInt8(ascii: "("), "(")
        var attributes: [FetchAttribute] = []
        while !cursor.skip(UInt8(ascii: ")")) {
            if !attributes.isEmpty { try cursor.expectSpace() }
            attributes.append(try parse(from: &cursor))
        }
        return attributes
    }
}
