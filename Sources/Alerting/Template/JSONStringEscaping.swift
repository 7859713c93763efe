/// The escaping of `{{value}}` in a template with a JSON content type: the value as the inside of a JSON string
/// (the template writes the quotes), so `"text": "{{summary}}"` stays one string whatever the mail server said.
///
/// `"` and `\` are escaped with a backslash; every control character U+0000–U+001F, and U+2028 and U+2029 (valid
/// JSON, but line ends to JavaScript), as `\uXXXX`. Everything else, non-ASCII included, is written as it is.
package enum JSONStringEscaping {
    /// `text` escaped as the inside of a JSON string.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x00...0x1F, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
