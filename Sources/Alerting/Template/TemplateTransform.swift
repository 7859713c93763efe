/// The transforms a template may write around a name, as swift-mustache named them, so templates written for it
/// keep working: on a list `first`, `last`, `reversed`, `count`, `empty`; on a map `count`, `empty`; on text
/// `empty`, `capitalized`, `lowercased`, `uppercased`, `reversed`; on a number `equalzero`, `plusone`,
/// `minusone`, `even`, `odd`. Inside a section over a list, `first()`, `last()`, `index()` (from 0), `even()` and
/// `odd()` describe the current item.
enum TemplateTransform {
    /// The transforms that read the current iteration of a list, written with an empty argument (`last()`): the
    /// names `apply(_:to: TemplateIteration)` knows.
    static let iterationNames: Set<String> = ["first", "last", "index", "even", "odd"]
    /// The transforms that apply to a value (`count(alerts)`, `uppercased(status)`): the names
    /// `apply(_:to: TemplateValue)` knows.
    static let valueNames: Set<String> = [
        "first", "last", "reversed", "count", "empty", "capitalized", "lowercased", "uppercased", "equalzero",
        "plusone", "minusone", "even", "odd",
    ]

    /// `transform` applied to `value`; `nil` (nothing rendered, a false section) where it does not apply.
    static func apply(_ transform: String, to value: TemplateValue) -> TemplateValue? {
        switch (transform, value) {
        case ("first", .list(let items)): items.first
        case ("last", .list(let items)): items.last
        case ("reversed", .list(let items)): .list(items.reversed())
        case ("count", .list(let items)): .number(items.count)
        case ("empty", .list(let items)): .bool(items.isEmpty)
        case ("count", .map(let members)): .number(members.count)
        case ("empty", .map(let members)): .bool(members.isEmpty)
        case ("empty", .text(let text)): .bool(text.isEmpty)
        case ("capitalized", .text(let text)): .text(capitalized(text))
        case ("lowercased", .text(let text)): .text(text.lowercased())
        case ("uppercased", .text(let text)): .text(text.uppercased())
        case ("reversed", .text(let text)): .text(String(text.reversed()))
        case ("equalzero", .number(let number)): .bool(number == 0)
        case ("plusone", .number(let number)): .number(number.addingReportingOverflow(1).partialValue)
        case ("minusone", .number(let number)): .number(number.subtractingReportingOverflow(1).partialValue)
        case ("even", .number(let number)): .bool(number & 1 == 0)
        case ("odd", .number(let number)): .bool(number & 1 == 1)
        default: nil
        }
    }

    /// The current item of a list, by `transform` (`first`, `last`, `index`, `even`, `odd`).
    static func apply(_ transform: String, to iteration: TemplateIteration) -> TemplateValue? {
        switch transform {
        case "first": .bool(iteration.index == 0)
        case "last": .bool(iteration.index == iteration.count - 1)
        case "index": .number(iteration.index)
        case "even": .bool(iteration.index & 1 == 0)
        case "odd": .bool(iteration.index & 1 == 1)
        default: nil
        }
    }

    /// Each word's first letter in upper case and the rest in lower case; words are separated by whitespace.
    static func capitalized(_ text: String) -> String {
        var result = ""
        var atWordStart = true
        for character in text {
            result += atWordStart ? character.uppercased() : character.lowercased()
            atWordStart = character.isWhitespace
        }
        return result
    }
}
