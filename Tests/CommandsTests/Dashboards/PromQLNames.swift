/// The metric names a PromQL expression selects, found by a small tokenizer rather than a full parser.
///
/// Skipped: strings (`"…"`, `'…'`, `` `…` ``, with escapes), label matchers inside `{…}`, ranges, subqueries and
/// Grafana variables inside `[…]`, the label lists after `by`, `without`, `on`, `ignoring`, `group_left` and
/// `group_right`, every name followed by `(` (functions and aggregations), the aggregation operators themselves
/// (`sum by (…) (…)`), keywords (`and`, `bool`, `offset`, …), numbers and durations, `$variables` and `#` comments.
/// Whatever identifier is left is a metric name, recording-rule names (`level:metric:ops`) included.
enum PromQLNames {
    /// Binary-operator and modifier keywords, and the float literals, compared lowercased.
    static let keywords: Set<String> = [
        "and", "or", "unless", "bool", "offset", "atan2", "by", "without", "on", "ignoring", "group_left",
        "group_right", "inf", "nan",
    ]

    /// The keywords that may be followed by a parenthesised list of label names.
    static let labelListKeywords: Set<String> = ["by", "without", "on", "ignoring", "group_left", "group_right"]

    /// The aggregation operators, which may be followed by `by (…)` or `without (…)` before their `(`.
    static let aggregations: Set<String> = [
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
        "quantile", "limitk", "limit_ratio",
    ]

    /// The metric names in `expression`, in order of appearance, repeats included.
    static func metricNames(in expression: String) -> [String] {
        var scanner = Scanner(Array(expression.unicodeScalars))
        var names: [String] = []
        while let scalar = scanner.peek() {
            switch scalar {
            case "\"", "'", "`": scanner.skipString()
            case "{": scanner.skipBracketed(open: "{", close: "}")
            case "[": scanner.skipBracketed(open: "[", close: "]")
            case "#": scanner.skip { $0 != "\n" }
            case "$":
                scanner.advance()
                if scanner.peek() == "{" { scanner.skipBracketed(open: "{", close: "}") } else { _ = scanner.identifier() }
            case _ where Scanner.isDigit(scalar) || (scalar == "." && scanner.peek(1).map(Scanner.isDigit) == true):
                scanner.skipNumber()
            case _ where Scanner.isIdentifierStart(scalar):
                let word = scanner.identifier()
                let lowered = word.lowercased()
                let next = scanner.nextNonSpace()
                if labelListKeywords.contains(lowered), next == "(" {
                    scanner.skipSpace()
                    scanner.skipBracketed(open: "(", close: ")")
                } else if keywords.contains(lowered) || aggregations.contains(lowered) || next == "(" {
                    continue
                } else {
                    names.append(word)
                }
            default: scanner.advance()
            }
        }
        return names
    }

    /// A cursor over the expression's scalars.
    struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
        }
        static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool { isIdentifierStart(scalar) || isDigit(scalar) }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func advance() { index += 1 }

        mutating func skip(while condition: (Unicode.Scalar) -> Bool) {
            while let scalar = peek(), condition(scalar) { index += 1 }
        }

        mutating func skipSpace() { skip { $0.properties.isWhitespace } }

        /// The next scalar that is not white space, without moving.
        func nextNonSpace() -> Unicode.Scalar? {
            var copy = self
            copy.skipSpace()
            return copy.peek()
        }

        mutating func identifier() -> String {
            let start = index
            skip(while: Self.isIdentifierPart)
            return String(String.UnicodeScalarView(scalars[start..<index]))
        }

        /// A quoted string at the cursor; backslash escapes in `"` and `'` strings, none in backquoted ones.
        mutating func skipString() {
            guard let quote = peek() else { return }
            advance()
            while let scalar = peek() {
                advance()
                if scalar == "\\", quote != "`" {
                    advance()
                } else if scalar == quote {
                    return
                }
            }
        }

        /// From `open` at the cursor to its matching `close`, nesting counted and strings skipped whole.
        mutating func skipBracketed(open: Unicode.Scalar, close: Unicode.Scalar) {
            var depth = 0
            while let scalar = peek() {
                switch scalar {
                case "\"", "'", "`":
                    skipString()
                    continue
                case open: depth += 1
                case close: depth -= 1
                default: break
                }
                advance()
                if depth == 0 { return }
            }
        }

        /// A number or duration: digits, letters (`5m`, `0x1f`, `1h30m`, `Inf`), dots, and an exponent's sign.
        mutating func skipNumber() {
            while let scalar = peek() {
                if Self.isIdentifierPart(scalar) || scalar == "." {
                    advance()
                } else if scalar == "+" || scalar == "-", let previous = index > 0 ? scalars[index - 1] : nil,
                    previous == "e" || previous == "E", !isHex
                {
                    advance()
                } else {
                    return
                }
            }
        }

        /// Whether the number being read started with `0x`.
        private var isHex: Bool {
            var start = index
            while start > 0, Self.isIdentifierPart(scalars[start - 1]) || scalars[start - 1] == "." { start -= 1 }
            return start + 1 < scalars.count && scalars[start] == "0" && (scalars[start + 1] == "x" || scalars[start + 1] == "X")
        }
    }
}
