/// The type a plain scalar without a tag has in YAML 1.1's core schema: the rules, in their order, that libyaml
/// users (Yams' default resolver, PyYAML) apply to tell `1`, `true`, `~` and `2024-01-01` from strings.
///
/// Only used to tell duplicate mapping keys apart as YAML does: `1` and `"1"` are different keys, `a` and `"a"`
/// the same. Each rule is a whole-text pattern, matched here by a small set-of-positions matcher.
enum YAMLImplicitTag {
    static let bool = "tag:yaml.org,2002:bool"
    static let int = "tag:yaml.org,2002:int"
    static let float = "tag:yaml.org,2002:float"
    static let merge = "tag:yaml.org,2002:merge"
    static let null = "tag:yaml.org,2002:null"
    static let timestamp = "tag:yaml.org,2002:timestamp"
    static let value = "tag:yaml.org,2002:value"
    static let str = "tag:yaml.org,2002:str"
    static let seq = "tag:yaml.org,2002:seq"
    static let map = "tag:yaml.org,2002:map"

    /// The tag of the plain scalar `text`: the first rule matching the whole text, else `str`.
    static func resolve(_ text: String) -> String {
        let bytes = Array(text.utf8)
        // Every rule is ASCII; so is the fast answer for anything else.
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return str }
        for (tag, rule) in rules where rule(bytes, 0).contains(bytes.count) { return tag }
        return str
    }

    /// A pattern: every position where a match starting at the given one can end.
    private typealias Pattern = @Sendable ([UInt8], Int) -> Set<Int>

    private static let rules: [(String, Pattern)] = [
        (bool, words(["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                      "on", "On", "ON", "off", "Off", "OFF"])),
        (int, any(
            all(sign, text("0b"), some(of("01_"))),
            all(sign, text("0"), optional(text("o")), some(of("01234567_"))),
            all(sign, any(text("0"), all(of("123456789"), many(digitOrUnderscore)))),
            all(sign, text("0x"), some(of("0123456789abcdefABCDEF_"))),
            all(sign, of("123456789"), many(digitOrUnderscore), some(sexagesimal)))),
        (float, any(
            all(sign, digit, many(digitOrUnderscore), optional(all(text("."), many(digitOrUnderscore))),
                optional(all(of("eE"), sign, some(digit)))),
            all(text("."), some(digitOrUnderscore), optional(all(of("eE"), of("-+"), some(digit)))),
            all(sign, digit, many(digitOrUnderscore), some(sexagesimal), text("."), many(digitOrUnderscore)),
            all(sign, text("."), words(["inf", "Inf", "INF"])),
            all(text("."), words(["nan", "NaN", "NAN"])))),
        (merge, text("<<")),
        (null, words(["~", "null", "Null", "NULL", ""])),
        (timestamp, any(
            all(digit, digit, digit, digit, text("-"), digit, digit, text("-"), digit, digit),
            all(digit, digit, digit, digit, text("-"), digit, optional(digit), text("-"), digit, optional(digit),
                any(of("Tt"), some(of(" \t"))), digit, optional(digit), text(":"), digit, digit, text(":"),
                digit, digit, optional(all(text("."), many(digit))),
                optional(all(many(of(" \t")), any(text("Z"), all(of("-+"), digit, optional(digit),
                                                                 optional(all(text(":"), digit, digit))))))))),
        (value, text("=")),
    ]

    private static let digit = of("0123456789")
    private static let digitOrUnderscore = of("0123456789_")
    private static let sign = optional(of("-+"))
    /// `:[0-5]?[0-9]`
    private static let sexagesimal = all(text(":"), optional(of("012345")), digit)

    private static func of(_ characters: String) -> Pattern {
        let set = Set(characters.utf8)
        return { bytes, at in at < bytes.count && set.contains(bytes[at]) ? [at + 1] : [] }
    }

    private static func text(_ literal: String) -> Pattern {
        let expected = Array(literal.utf8)
        return { bytes, at in
            at + expected.count <= bytes.count && Array(bytes[at..<at + expected.count]) == expected
                ? [at + expected.count] : []
        }
    }

    private static func words(_ literals: [String]) -> Pattern { any(literals.map(text)) }

    private static func any(_ patterns: Pattern...) -> Pattern { any(patterns) }

    private static func any(_ patterns: [Pattern]) -> Pattern {
        { bytes, at in patterns.reduce(into: Set<Int>()) { $0.formUnion($1(bytes, at)) } }
    }

    private static func all(_ patterns: Pattern...) -> Pattern {
        { bytes, at in
            patterns.reduce(Set([at])) { ends, pattern in
                ends.reduce(into: Set<Int>()) { $0.formUnion(pattern(bytes, $1)) }
            }
        }
    }

    private static func optional(_ pattern: @escaping Pattern) -> Pattern {
        { bytes, at in pattern(bytes, at).union([at]) }
    }

    /// Zero or more.
    private static func many(_ pattern: @escaping Pattern) -> Pattern {
        { bytes, at in
            var reached: Set<Int> = [at]
            var frontier: Set<Int> = [at]
            while !frontier.isEmpty {
                let next = frontier.reduce(into: Set<Int>()) { $0.formUnion(pattern(bytes, $1)) }.subtracting(reached)
                reached.formUnion(next)
                frontier = next
            }
            return reached
        }
    }

    /// One or more.
    private static func some(_ pattern: @escaping Pattern) -> Pattern { all(pattern, many(pattern)) }
}
