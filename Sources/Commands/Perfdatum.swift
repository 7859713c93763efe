import IMAPProtocol

/// One Monitoring Plugins performance value: `'label'=value[UOM];[warn];[crit];[min];[max]`.
public struct Perfdatum: Sendable, Hashable, CustomStringConvertible {
    /// The label as meant; `description` quotes it, doubles `'` and replaces `=` and control characters.
    public var label: String
    /// The value; rendered with at most 6 decimals, no exponent, no trailing zeros.
    public var value: Double
    /// The unit of measurement: `""`, `s`, `%`, `B`, ...
    public var unit: String
    /// The warning range text, if a threshold applies.
    public var warning: String?
    /// The critical range text, if a threshold applies.
    public var critical: String?
    /// The smallest possible value, if known.
    public var minimum: Double?
    /// The largest possible value, if known.
    public var maximum: Double?

    /// A value; `nil` fields are left empty (and trailing empty fields dropped).
    public init(
        label: String, value: Double, unit: String = "", warning: String? = nil, critical: String? = nil,
        minimum: Double? = nil, maximum: Double? = nil
    ) {
        self.label = label
        self.value = value
        self.unit = unit
        self.warning = warning
        self.critical = critical
        self.minimum = minimum
        self.maximum = maximum
    }

    public var description: String {
        let fields = [warning ?? "", critical ?? "", minimum.map(Self.number) ?? "", maximum.map(Self.number) ?? ""]
        var text = "\(Self.quoted(label))=\(Self.number(value))\(unit);\(fields.joined(separator: ";"))"
        while text.hasSuffix(";") { text.removeLast() }
        return text
    }

    /// `'label'` with `'` doubled; `=` (forbidden in labels) and control characters (the scalars
    /// `escapingControlCharacters` escapes, bidirectional overrides included) become `_`.
    static func quoted(_ label: String) -> String {
        let cleaned = label.map { character -> String in
            if character == "'" { return "''" }
            if character == "=" || !character.unicodeScalars.allSatisfy(\.isDisplayable) {
                return "_"
            }
            return String(character)
        }
        return "'\(cleaned.joined())'"
    }

    /// A value too large for 6 decimals as a whole number, saturating at UInt64's range (a server may send any
    /// number64 as quota).
    private static func wholeNumber(_ value: Double) -> String {
        let magnitude = value.magnitude.rounded()
        let digits = magnitude < 0x1p64 ? String(UInt64(magnitude)) : String(UInt64.max)
        return (value < 0 ? "-" : "") + digits
    }

    /// A plain decimal with at most 6 decimals and no trailing zeros (`0.0004`, `62`, `-3`).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let micros = (value * 1_000_000).rounded()
        guard micros.magnitude < 9e18 else { return wholeNumber(value) }
        let scaled = Int64(micros)
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = "\(sign)\(magnitude / 1_000_000)"
        return fraction.isEmpty ? whole : "\(whole).\(fraction)"
    }
}
