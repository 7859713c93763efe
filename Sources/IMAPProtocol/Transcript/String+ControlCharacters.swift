extension String {
    /// The text with control characters removed (tabs become spaces), for server text placed in error messages
    /// and alerts: C0 and C1 controls, DEL, line separators and bidirectional overrides are dropped.
    public var strippingControlCharacters: String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == "\t" {
                result.unicodeScalars.append(" ")
            } else if scalar.isDisplayable {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension String {
    /// The text on one line: every character `strippingControlCharacters` would drop (CR, LF, other controls,
    /// line separators, bidirectional overrides) becomes a space, so words stay apart; CRLF becomes one space.
    /// For status lines.
    public var oneLine: String {
        // By character, so that CRLF (one character) becomes one space.
        String(map { $0.unicodeScalars.allSatisfy(\.isDisplayable) ? $0 : " " })
    }
}

extension Unicode.Scalar {
    /// Whether the scalar can be shown as is: not a C0/C1 control, DEL, line/paragraph separator, or a
    /// bidirectional embedding, override or isolate (which could reorder what an operator reads).
    package var isDisplayable: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: false
        default: true
        }
    }
}
