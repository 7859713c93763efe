/// A Monitoring Plugins threshold range (`[@]start:end`), telling which values raise an alert.
///
/// Forms, all with inclusive ends: `10` alerts outside 0…10, `10:` below 10, `~:10` above 10, `10:20` outside
/// 10…20, `@10:20` inside 10…20. An empty start (`:10`) means 0, `~` means negative infinity, an empty end
/// means positive infinity. Numbers are decimal, optionally negative (`-5:-1`, `0.25`); no exponents.
public struct ThresholdRange: Sendable, Hashable, CustomStringConvertible {
    /// The lower end, or `nil` for negative infinity.
    public var start: Double?
    /// The upper end, or `nil` for positive infinity.
    public var end: Double?
    /// `true` for `@` ranges: alert when the value is inside; otherwise alert when it is outside.
    public var alertsInside: Bool
    /// The range as the user wrote it, or a canonical spelling when built from numbers; used in perfdata.
    public var text: String

    /// Builds a range from its ends; `text` is its canonical Monitoring Plugins spelling.
    public init(start: Double?, end: Double?, alertsInside: Bool = false) {
        self.start = start
        self.end = end
        self.alertsInside = alertsInside
        self.text = Self.canonicalText(start: start, end: end, alertsInside: alertsInside)
    }

    /// Parses the Monitoring Plugins syntax; throws `ParseError` naming what is wrong.
    public init(parsing text: String) throws(ParseError) {
        var body = Substring(text.trimmingSpaces)
        guard !body.isEmpty else { throw ParseError(input: text, problem: "the range is empty") }
        let inside = body.first == "@"
        if inside { body = body.dropFirst() }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        let start: Double?
        let end: Double?
        switch parts.count {
        case 1:
            start = 0
            end = try Self.number(parts[0], in: text, role: "end")
        case 2:
            start = parts[0] == "~" ? nil : (parts[0].isEmpty ? 0 : try Self.number(parts[0], in: text, role: "start"))
            end = parts[1].isEmpty ? nil : try Self.number(parts[1], in: text, role: "end")
        default:
            throw ParseError(input: text, problem: "more than one ':'")
        }
        if let start, let end, start > end {
            throw ParseError(input: text, problem: "start \(Self.format(start)) is greater than end \(Self.format(end))")
        }
        self.start = start
        self.end = end
        self.alertsInside = inside
        self.text = String(text.trimmingSpaces)
    }

    /// Whether `value` raises an alert under this range.
    public func alerts(on value: Double) -> Bool {
        let aboveStart = start.map { value >= $0 } ?? true
        let belowEnd = end.map { value <= $0 } ?? true
        let inside = aboveStart && belowEnd
        return alertsInside ? inside : !inside
    }

    public var description: String { text }

    /// Why a range did not parse.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text that was given.
        public var input: String
        /// What is wrong with it.
        public var problem: String

        /// An error about `input`.
        public init(input: String, problem: String) {
            self.input = input
            self.problem = problem
        }

        public var description: String {
            "invalid range '\(input)': \(problem) (expected [@]start:end, e.g. 10, 10:, ~:10, 10:20, @10:20)"
        }
    }

    private static func number(_ token: Substring, in input: String, role: String) throws(ParseError) -> Double {
        if token == "~" {
            throw ParseError(input: input, problem: "'~' (negative infinity) is only allowed as the start")
        }
        guard isDecimal(token), let value = Double(token) else {
            throw ParseError(input: input, problem: "the \(role) '\(token)' is not a decimal number")
        }
        return value
    }

    /// `-?digits[.digits]` or `-?.digits`: what Monitoring Plugins accepts, without exponents, `inf` or `nan`.
    private static func isDecimal(_ token: Substring) -> Bool {
        var rest = token
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let pieces = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = pieces.map { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        let lengths = pieces.map(\.count)
        switch pieces.count {
        case 1: return lengths[0] > 0 && digits[0]
        case 2: return digits[0] && digits[1] && lengths[0] + lengths[1] > 0 && lengths[1] > 0
        default: return false
        }
    }

    private static func canonicalText(start: Double?, end: Double?, alertsInside: Bool) -> String {
        let prefix = alertsInside ? "@" : ""
        let startText = start.map(format) ?? "~"
        switch (start, end) {
        case (0, let end?) where !alertsInside: return format(end)
        case (_, let end?): return "\(prefix)\(startText):\(format(end))"
        case (_, nil): return "\(prefix)\(startText):"
        }
    }

    /// Formats a number without exponent or trailing zeros (`10`, `0.5`, `-2.25`).
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let trimmed = drop { $0 == " " }
        return trimmed.dropLast(trimmed.reversed().prefix { $0 == " " }.count)
    }
}
