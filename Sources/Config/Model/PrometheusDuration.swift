/// Durations written as Prometheus writes them: `500ms`, `30s`, `1m`, `1h30m`, `2d`, `1w`, `0`.
///
/// Units, largest first, each at most once: `y` (365 days), `w`, `d`, `h`, `m`, `s`, `ms`. Every number is
/// decimal digits; no sign, fraction, space or exponent. `0` alone is zero. Precision is one millisecond.
public enum PrometheusDuration {
    /// Why a text is not a duration.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, in words (`a number needs a unit`).
        public var reason: String

        /// An error with `reason`.
        public init(reason: String) { self.reason = reason }

        public var description: String { reason }
    }

    private static let units: [(symbol: String, milliseconds: Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000),
        ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// Parses `text`; throws `ParseError` saying what is wrong.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        if text == "0" { return .zero }
        guard !text.isEmpty else { throw ParseError(reason: "it is empty") }
        var rest = Substring(text)
        var total: Int64 = 0
        var lastUnit = -1
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else {
                throw ParseError(reason: "expected a number at '\(rest)'")
            }
            rest = rest.dropFirst(digits.count)
            let symbol = rest.prefix { $0.isASCII && $0.isLetter }
            guard !symbol.isEmpty else {
                if rest.isEmpty { throw ParseError(reason: "the number \(digits) has no unit") }
                throw ParseError(reason: "unexpected '\(rest.prefix(1))'")
            }
            guard let index = units.firstIndex(where: { $0.symbol == symbol }) else {
                throw ParseError(reason: "unknown unit '\(symbol)' (units: y, w, d, h, m, s, ms)")
            }
            guard index > lastUnit else {
                throw ParseError(reason: "units must go from largest to smallest, each once")
            }
            lastUnit = index
            rest = rest.dropFirst(symbol.count)
            guard let number = Int64(digits) else { throw ParseError(reason: "the number \(digits) is too large") }
            let (product, overflow) = number.multipliedReportingOverflow(by: units[index].milliseconds)
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            guard !overflow, !overflowSum else { throw ParseError(reason: "it is too long") }
            total = sum
        }
        return .milliseconds(total)
    }

    /// The shortest Prometheus spelling of `duration`, to the millisecond (`1h30m`, `500ms`, `0s`).
    ///
    /// Uses `d`, `h`, `m`, `s`, `ms` only, so the text reads the same in other tools; negative durations are `0s`.
    public static func format(_ duration: Duration) -> String {
        let parts = duration.components
        var remaining = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
        guard remaining > 0 else { return "0s" }
        var text = ""
        for unit in units where unit.symbol != "y" && unit.symbol != "w" {
            let count = remaining / unit.milliseconds
            if count > 0 { text += "\(count)\(unit.symbol)" }
            remaining %= unit.milliseconds
        }
        return text
    }
}
