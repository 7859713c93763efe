/// Reads typed values out of YAML nodes, recording a positioned diagnostic for every value of the wrong type.
///
/// Typing is YAML's, checked strictly: an integer is a plain scalar of digits (`"1024"` in quotes is a string),
/// a boolean is a plain `true` or `false`; strings accept any non-null scalar.
struct NodeReader {
    /// The file name used in locations.
    let file: String
    /// The folder relative paths in the file are taken from.
    let baseDirectory: String
    /// Where `password_env` variables are looked up.
    let environment: [String: String]
    /// What was found so far.
    var log = DiagnosticLog()

    init(file: String, baseDirectory: String, environment: [String: String]) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.environment = environment
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func report(_ problem: ConfigProblem, at node: YAMLNode) {
        log.add(problem, at: location(node))
    }

    /// The pairs of a mapping with string keys; reports and skips other keys. A null counts as an empty mapping
    /// when `nullIsEmpty` (a section with everything commented out).
    mutating func entries(_ node: YAMLNode, key: String, nullIsEmpty: Bool = false) -> [(name: String, key: YAMLNode, value: YAMLNode)]? {
        if nullIsEmpty, Self.isNull(node) { return [] }
        guard case .mapping(let mapping) = node else {
            report(.wrongType(key: key, expected: "a mapping", found: Self.describe(node)), at: node)
            return nil
        }
        var result: [(name: String, key: YAMLNode, value: YAMLNode)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode, !Self.isNull(keyNode) else {
                report(.wrongType(key: "a key in \(key)", expected: "a string", found: Self.describe(keyNode)), at: keyNode)
                continue
            }
            result.append((scalar.string, keyNode, value))
        }
        return result
    }

    /// The items of a sequence; a null counts as empty.
    mutating func items(_ node: YAMLNode, key: String) -> [YAMLNode]? {
        if Self.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            report(.wrongType(key: key, expected: "a sequence", found: Self.describe(node)), at: node)
            return nil
        }
        return Array(sequence)
    }

    mutating func string(_ node: YAMLNode, key: String) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            report(.wrongType(key: key, expected: "a string", found: Self.describe(node)), at: node)
            return nil
        }
        return scalar.string
    }

    /// A string that must not be empty (a host, a name, a path).
    mutating func nonEmptyString(_ node: YAMLNode, key: String) -> String? {
        guard let text = string(node, key: key) else { return nil }
        guard !text.isEmpty else {
            report(.emptyValue(key: key), at: node)
            return nil
        }
        return text
    }

    mutating func int(_ node: YAMLNode, key: String) -> Int? {
        guard let text = plain(node), Self.isInteger(text), let value = Int(text) else {
            report(.wrongType(key: key, expected: "an integer", found: Self.describe(node)), at: node)
            return nil
        }
        return value
    }

    mutating func number(_ node: YAMLNode, key: String) -> Double? {
        guard let text = plain(node), Self.isDecimal(text), let value = Double(text) else {
            report(.wrongType(key: key, expected: "a number", found: Self.describe(node)), at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: YAMLNode, key: String) -> Bool? {
        switch plain(node) {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            report(.wrongType(key: key, expected: "true or false", found: Self.describe(node)), at: node)
            return nil
        }
    }

    mutating func duration(_ node: YAMLNode, key: String) -> Duration? {
        guard let text = string(node, key: key) else { return nil }
        do {
            return try PrometheusDuration.parse(text)
        } catch {
            report(.invalidDuration(key: key, text: text, reason: error.reason), at: node)
            return nil
        }
    }

    /// One of a closed set of values, by raw value.
    mutating func choice<Value: RawRepresentable & CaseIterable>(_ node: YAMLNode, key: String, as type: Value.Type)
        -> Value? where Value.RawValue == String
    {
        guard let text = string(node, key: key) else { return nil }
        if let value = Value(rawValue: text) { return value }
        reportInvalidChoice(text, key: key, allowed: Value.allCases.map(\.rawValue), at: node)
        return nil
    }

    /// Reports `text` as not one of `allowed`, suggesting the closest.
    mutating func reportInvalidChoice(_ text: String, key: String, allowed: [String], at node: YAMLNode) {
        let suggestion = Suggestion.closest(to: text, in: allowed)
        report(.invalidChoice(key: key, value: text, allowed: allowed, suggestion: suggestion), at: node)
    }

    /// The text of a plain (unquoted) scalar, else `nil`.
    private func plain(_ node: YAMLNode) -> String? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        return scalar.string
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How a wrong value is named in a message: its kind, and a scalar's text. Only used for keys whose values
    /// are not secret (a secret key accepts every non-null scalar, so its text never reaches here).
    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let scalar):
            if isNull(node) { return "null" }
            switch scalar.style {
            case .singleQuoted, .doubleQuoted: return "the quoted string '\(scalar.string)'"
            case .literal, .folded: return "a block string"
            default: return "'\(scalar.string)'"
            }
        }
    }

    private static func isInteger(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count <= 2, isInteger(String(parts[0])) else { return false }
        return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
    }
}
