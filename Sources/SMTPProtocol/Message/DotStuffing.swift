/// The transparency of RFC 5321 §4.5.2: a message as DATA sends it.
public enum DotStuffing {
    /// `content` with every line end made CRLF (a lone CR or LF too, so no line end can hide a "."), a "." added
    /// before every line that starts with one, a CRLF added if the content does not end with one, then ".", CRLF.
    public static func stuffed(_ content: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(content.count + content.count / 64 + 5)
        var atLineStart = true
        var index = 0
        while index < content.count {
            let byte = content[index]
            if byte == 13 || byte == 10 {
                // CRLF, a lone CR and a lone LF each end one line.
                if byte == 13, index + 1 < content.count, content[index + 1] == 10 { index += 1 }
                output += [13, 10]
                atLineStart = true
            } else {
                if atLineStart, byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
                output.append(byte)
                atLineStart = false
            }
            index += 1
        }
        if !atLineStart { output += [13, 10] }
        output += [UInt8(ascii: "."), 13, 10]
        return output
    }
}
