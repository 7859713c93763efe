/// Positions in text as libyaml counts them, for checking the positions a loader reports.
package enum TextPosition {
    /// Whether line `line`, column `column` (both from 1; columns in Unicode scalars) is in `text`: on one of
    /// its lines, at most one past that line's last scalar. Line breaks are libyaml's: CRLF, CR, LF, U+0085,
    /// U+2028 and U+2029.
    ///
    /// The start of the line after the last is in `text` too when `text` does not end with a line break: libyaml
    /// ends such a stream with a line break of its own, and an error at the end of the stream is placed there.
    package static func contains(line: Int, column: Int, in text: String) -> Bool {
        let lengths = lineLengths(text)
        if line == lengths.count + 1, column == 1, lengths.last != 0 { return true }
        guard (1...lengths.count).contains(line) else { return false }
        return (1...(lengths[line - 1] + 1)).contains(column)
    }

    /// The length of each line of `text` in Unicode scalars, without its break; one line for empty text.
    static func lineLengths(_ text: String) -> [Int] {
        var lengths = [0]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lengths.append(0)
            default:
                lengths[lengths.count - 1] += 1
            }
            previous = scalar
        }
        return lengths
    }
}
