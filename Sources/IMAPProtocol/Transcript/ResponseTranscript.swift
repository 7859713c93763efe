/// Printable, log-safe renderings of server frames.
public enum ResponseTranscript {
    /// How many characters of a frame a transcript line keeps.
    public static let lineLength = 512

    /// Renders a frame for a transcript: CRLFs removed (lines joined), each literal shown as `{N} <N octets>`
    /// (literal content may be mail and is never shown), control characters as `\u{..}` and bytes that are not
    /// UTF-8 as `\xNN`, then `transform` applied (a redaction, which must see whole lines), and the result cut to
    /// `maxLength` characters with a trailing `…`.
    public static func render(
        _ frame: [UInt8], maxLength: Int = lineLength, transform: (String) -> String = { $0 }
    ) -> String {
        var output = ""
        var lineStart = 0
        var index = 0
        while index < frame.count {
            guard frame[index] == UInt8(ascii: "\n"), index > lineStart, frame[index - 1] == UInt8(ascii: "\r") else {
                index += 1
                continue
            }
            let content = frame[lineStart..<(index - 1)]
            output += escape(content)
            index += 1
            if case .length(let length) = LiteralAnnouncement(lineContent: content) {
                let available = UInt64(frame.count - index)
                output += " <\(length) octets>"
                index += Int(min(length, available))
            }
            lineStart = index
            if output.count > maxLength { break }
        }
        if lineStart < frame.count, output.count <= maxLength { output += escape(frame[lineStart...]) }
        return truncate(transform(output), to: maxLength)
    }

    /// UTF-8 text as `escapingControlCharacters` shows it (printable text as is, controls, separators and
    /// bidirectional overrides as `\u{..}`); every byte that does not start a valid UTF-8 scalar as `\xNN`.
    public static func escape(_ bytes: ArraySlice<UInt8>) -> String {
        var result = ""
        var rest = bytes
        while let first = rest.first {
            if first < 0x80 {
                Unicode.Scalar(first).appendShown(to: &result)
                rest = rest.dropFirst()
                continue
            }
            let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0
            if length > 1, rest.count >= length {
                var decoder = UTF8()
                var iterator = rest.prefix(length).makeIterator()
                if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                    scalar.appendShown(to: &result)
                    rest = rest.dropFirst(length)
                    continue
                }
            }
            result += "\\x" + hexDigits(first)
            rest = rest.dropFirst()
        }
        return result
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    private static func truncate(_ text: String, to maxLength: Int) -> String {
        guard text.count > maxLength else { return text }
        return String(text.prefix(max(0, maxLength))) + "…"
    }
}
