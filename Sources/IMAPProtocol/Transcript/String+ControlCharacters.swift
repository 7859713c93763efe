extension String {
    /// The text with every scalar a terminal would act on or reorder shown as a `\u{..}` escape (upper-case hex,
    /// as `ServerHost.quoted` writes them): C0 and C1 controls (NUL, tab, CR, LF, ESC, ...), DEL, line and
    /// paragraph separators, and bidirectional marks, embeddings, overrides and isolates. Printable text,
    /// non-ASCII included, is kept; so is `\`, which makes escaping twice the same as escaping once.
    ///
    /// The one rendering of text a server chose (greeting, response text, quota root names, certificate names)
    /// wherever a person or a log reads it.
    public var escapingControlCharacters: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars { scalar.appendShown(to: &result) }
        return result
    }
}

extension String {
    /// The text on one line, for status lines built from the prober's own words: each line break (CRLF, CR, LF,
    /// NEL, separators, vertical tab, form feed) and tab becomes a space, so words stay apart; any other scalar
    /// `escapingControlCharacters` escapes is escaped the same way.
    public var oneLine: String {
        var result = ""
        // By character, so that CRLF (one character) becomes one space.
        for character in self {
            if character.isNewline || character == "\t" {
                result.append(" ")
            } else {
                result += String(character).escapingControlCharacters
            }
        }
        return result
    }
}

extension Unicode.Scalar {
    /// `\uXXXX` (lower-case hex), as JSON and logfmt escape a scalar; every scalar that is not displayable is in
    /// the Basic Multilingual Plane, so one escape is enough for each of them.
    public var jsonEscaped: String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Appends the scalar as `escapingControlCharacters` shows it: as is when displayable, else `\u{..}`.
    func appendShown(to text: inout String) {
        if isDisplayable {
            text.unicodeScalars.append(self)
        } else {
            text += "\\u{\(String(value, radix: 16, uppercase: true))}"
        }
    }

    /// Whether the scalar can be shown as is: not a C0/C1 control, DEL, line/paragraph separator, or a
    /// bidirectional mark, embedding, override or isolate (which could reorder what an operator reads).
    public var isDisplayable: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: false
        default: true
        }
    }
}
