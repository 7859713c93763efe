/// One extra Prometheus label a target puts on all its series.
public struct TargetLabel: Sendable, Hashable, Comparable {
    /// The label name: Prometheus-valid and not one imapwatch reserves.
    public var name: String
    /// The label value.
    public var value: String

    /// A label.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// The names imapwatch sets itself, which a target's labels may not use; `le` and `quantile` are the text
    /// format's own (a histogram line with a second `le` makes Prometheus reject the whole scrape).
    public static let reservedNames: Set<String> = [
        "target", "host", "port", "tls", "phase", "reason", "root", "version", "cipher", "capability", "result", "revision",
        "le", "quantile",
    ]

    /// Whether `name` is a Prometheus label name a user may set: `[a-zA-Z_][a-zA-Z0-9_]*`, not `__`-prefixed.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.hasPrefix("__") else { return false }
        func letter(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
        }
        return letter(first) && name.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }

    /// Orders by name, the order labels are exported in.
    public static func < (lhs: TargetLabel, rhs: TargetLabel) -> Bool { (lhs.name, lhs.value) < (rhs.name, rhs.value) }
}
