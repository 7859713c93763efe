/// A value a receiver template sees: text, a whole number, a boolean, a list or a map of named values.
///
/// Plain data, built once per group of notifications (`TemplateContext`), so a template can read only what it was
/// given: no lambdas, no reflection over Swift types.
enum TemplateValue: Sendable, Equatable {
    case text(String)
    case number(Int)
    case bool(Bool)
    case list([TemplateValue])
    case map([String: TemplateValue])

    /// Whether a section over the value renders its content once or more: `false` and an empty list do not
    /// (nor does a missing value); everything else does, an empty text included.
    var isTruthy: Bool {
        switch self {
        case .bool(let value): value
        case .list(let items): !items.isEmpty
        case .text, .number, .map: true
        }
    }

    /// How `{{name}}` writes the value: text as it is, a number in decimal, a boolean as `true` or `false`; a list
    /// or a map as nothing (iterate it with a section instead).
    var renderedText: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .bool(let value): value ? "true" : "false"
        case .list, .map: ""
        }
    }

    /// The value named `name` in a map; `nil` in a map without it and in every other value.
    func member(_ name: String) -> TemplateValue? {
        guard case .map(let members) = self else { return nil }
        return members[name]
    }
}
