/// What a tag names: a dotted path to a value (`alerts`, `label.team`, `.` for the current value), with the
/// transforms written around it (`uppercased(summary)`, `plusone(index())`).
struct TemplateReference: Sendable, Equatable {
    /// The names to follow; empty for `.`, or for the current iteration when `transforms` is not empty (`last()`).
    var path: [String]
    /// The transforms as written, outermost first: `plusone(index())` is `["plusone", "index"]`.
    var transforms: [String]
    /// The tag's text, trimmed: a section is closed by a tag with the same text.
    var text: String
    /// Whether the innermost transform reads the current iteration (`last()`) rather than a value.
    var readsIteration: Bool

    /// Why a tag's text names nothing.
    enum Problem: Error, Equatable {
        /// Not a name: a space inside it, a character names do not have, unbalanced parentheses.
        case badName
        /// A transform that does not exist, or that needs an argument it was not given (or the other way round).
        case unknownTransform(String)
    }

    /// Parses a tag's text (already trimmed of the spaces around it).
    init(parsing text: String) throws(Problem) {
        self.text = text
        var inner = Substring(text)
        var transforms: [String] = []
        while inner.last == ")" {
            guard let open = inner.firstIndex(of: "(") else { throw .badName }
            let name = inner[..<open]
            guard !name.isEmpty, name.allSatisfy(Self.isNameCharacter) else { throw .badName }
            transforms.append(String(name))
            inner = inner[inner.index(after: open)..<inner.index(before: inner.endIndex)]
        }
        guard !inner.contains("("), !inner.contains(")") else { throw .badName }
        if inner == "." || (inner.isEmpty && !transforms.isEmpty) {
            path = []
        } else {
            let names = inner.split(separator: ".", omittingEmptySubsequences: false)
            guard names.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isNameCharacter) }) else { throw .badName }
            path = names.map(String.init)
        }
        self.transforms = transforms
        readsIteration = inner.isEmpty && !transforms.isEmpty
        for (position, transform) in transforms.enumerated() {
            let innermost = position == transforms.count - 1
            let known = readsIteration && innermost ? TemplateTransform.iterationNames : TemplateTransform.valueNames
            guard known.contains(transform) else { throw .unknownTransform(transform) }
        }
    }

    /// Letters, digits, `_` and `-`: the characters of a name or a transform.
    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }
}
