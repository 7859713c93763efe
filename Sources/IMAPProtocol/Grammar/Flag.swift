/// Helpers for message flags, which this target represents as plain strings such as `\Seen` or `$Junk`.
enum Flag {
    // flag-list = "(" [flag *(SP flag)] ")"
    // flag      = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
    // flag-perm = flag / "\*"
    /// Reads a parenthesised flag list; tolerates stray spaces between flags.
    static func parseList(from cursor: inout ByteCursor) throws(ParseError) -> [String] {
        try cursor.expect(UInt8(ascii: "("), "(")
        var flags: [String] = []
        while true {
            if cursor.skip(UInt8(ascii: ")")) { return flags }
            if cursor.skip(UInt8(ascii: " ")) { continue }
            flags.append(try parse(from: &cursor))
        }
    }

    /// Reads one flag: an optional backslash, then atom characters (or `*`).
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> String {
        let start = cursor.index
        _ = cursor.skip(UInt8(ascii: "\\"))
        _ = try cursor.take("flag", while: ASCII.isFlagChar)
        return String(decoding: cursor.bytes[start..<cursor.index], as: UTF8.self)
    }
}
