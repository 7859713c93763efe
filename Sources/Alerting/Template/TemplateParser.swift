/// Parses Mustache text into `TemplateNode`s: variables, sections, inverted sections, comments, set delimiters,
/// partials (which render nothing: there are no other templates) and blocks; standalone tags take their line
/// with them, as the Mustache specification says. Pragmas are refused.
struct TemplateParser {
    private let scalars: [Unicode.Scalar]
    private var open: [Unicode.Scalar] = ["{", "{"]
    private var close: [Unicode.Scalar] = ["}", "}"]

    /// How deep sections, blocks and parents may nest: parsing and rendering recurse once a level, so a template
    /// of a million `{{#a}}` must be refused, not overflow the stack.
    static let maxNesting = 100

    /// The tags a line may hold alone (with blanks around) to disappear with its line break.
    private static let standaloneSigils: Set<Unicode.Scalar> = ["#", "^", "/", "!", "=", ">", "<", "$"]

    /// The nodes of `text`; throws the first syntax error.
    static func parse(_ text: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(scalars: Array(text.unicodeScalars))
        let tokens = try parser.tokens()
        var index = 0
        let nodes = try parser.tree(tokens, from: &index, closing: nil, depth: 0)
        return nodes
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    // MARK: Tokens

    private enum Token {
        case text(String)
        case tag(sigil: Unicode.Scalar?, content: String, at: Int)
    }

    private mutating func tokens() throws(TemplateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var text = String.UnicodeScalarView()
        var lineStart = 0
        var tagOnLine = false
        var index = 0
        func flush() {
            if !text.isEmpty { tokens.append(.text(String(text))) }
            text = String.UnicodeScalarView()
        }
        while index < scalars.count {
            guard matches(open, at: index) else {
                text.append(scalars[index])
                if scalars[index] == "\n" {
                    lineStart = index + 1
                    tagOnLine = false
                }
                index += 1
                continue
            }
            let start = index
            let (sigil, content, end) = try tag(at: start)
            var next = end
            if let sigil, Self.standaloneSigils.contains(sigil), !tagOnLine,
                scalars[lineStart..<start].allSatisfy(Self.isBlank),
                let lineEnd = lineEnd(after: end)
            {
                text.removeLast(start - lineStart)
                next = lineEnd
                lineStart = lineEnd
            } else {
                tagOnLine = true
                if let lastBreak = scalars[start..<end].lastIndex(of: "\n") { lineStart = lastBreak + 1 }
            }
            flush()
            if sigil == "=" {
                try setDelimiters(content, at: start)
            } else if sigil != "!" {
                tokens.append(.tag(sigil: sigil, content: content, at: start))
            }
            index = next
        }
        flush()
        return tokens
    }

    /// The tag starting at `start` (at the open delimiter): its sigil, its text trimmed of blanks, and the index
    /// after its close delimiter.
    private func tag(at start: Int) throws(TemplateSyntaxError) -> (Unicode.Scalar?, String, Int) {
        var index = start + open.count
        guard index < scalars.count else { throw error("the template ends inside a tag", at: start) }
        let sigil: Unicode.Scalar? = "#^/!=>&{%<$".unicodeScalars.contains(scalars[index]) ? scalars[index] : nil
        if sigil != nil { index += 1 }
        let terminator: [Unicode.Scalar] = switch sigil {
        case "{": ["}"] + close
        case "=": ["="] + close
        default: close
        }
        var end = index
        while end < scalars.count, !matches(terminator, at: end) { end += 1 }
        guard end < scalars.count else { throw error("the template ends inside a tag", at: start) }
        var content = String.UnicodeScalarView(scalars[index..<end])
        while let first = content.first, Self.isBlank(first) { content.removeFirst() }
        while let last = content.last, Self.isBlank(last) { content.removeLast() }
        return (sigil, String(content), end + terminator.count)
    }

    /// The index after the blanks and the line break that follow `index`, or the end of the text; `nil` when
    /// something else follows.
    private func lineEnd(after index: Int) -> Int? {
        var index = index
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        if index == scalars.count { return index }
        if scalars[index] == "\n" { return index + 1 }
        if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { return index + 2 }
        return nil
    }

    /// `{{=<% %>=}}`: two delimiters, separated by blanks, with neither blanks nor `=` in them.
    private mutating func setDelimiters(_ content: String, at start: Int) throws(TemplateSyntaxError) {
        let parts = content.unicodeScalars.split(whereSeparator: Self.isBlank)
        guard parts.count == 2, parts.allSatisfy({ !$0.contains("=") }) else {
            throw error("invalid set-delimiter tag", at: start)
        }
        open = Array(parts[0])
        close = Array(parts[1])
    }

    private func matches(_ delimiter: [Unicode.Scalar], at index: Int) -> Bool {
        index + delimiter.count <= scalars.count && scalars[index..<index + delimiter.count].elementsEqual(delimiter)
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    // MARK: Tree

    /// The nodes from `tokens[index...]` up to the tag that closes `closing` (or the end when `closing` is `nil`).
    private func tree(_ tokens: [Token], from index: inout Int, closing: (name: String, at: Int)?, depth: Int)
        throws(TemplateSyntaxError) -> [TemplateNode]
    {
        if let closing, depth > Self.maxNesting {
            throw error("sections nested more than \(Self.maxNesting) deep", at: closing.at)
        }
        var nodes: [TemplateNode] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard case .tag(let sigil, let content, let start) = token else {
                if case .text(let text) = token { nodes.append(.text(text)) }
                continue
            }
            switch sigil {
            case "/":
                guard let closing, closing.name == content else {
                    throw error("this closing tag does not match the open section", at: start)
                }
                return nodes
            case "#", "^":
                let reference = try self.reference(content, at: start)
                let children = try tree(tokens, from: &index, closing: (content, start), depth: depth + 1)
                nodes.append(.section(reference, inverted: sigil == "^", children))
            case "$":
                nodes.append(.block(try tree(tokens, from: &index, closing: (content, start), depth: depth + 1)))
            case "<":
                // A parent: a partial with blocks to override. There are no partials, so it renders nothing.
                _ = try tree(tokens, from: &index, closing: (content, start), depth: depth + 1)
            case ">":
                guard !content.isEmpty else { throw error("a partial tag without a name", at: start) }
            case "%":
                throw error("unknown pragma", at: start)
            default:
                nodes.append(.value(try reference(content, at: start), escaped: sigil == nil))
            }
        }
        if closing != nil {
            throw error("a section is not closed by the end of the template", at: scalars.count)
        }
        return nodes
    }

    private func reference(_ content: String, at start: Int) throws(TemplateSyntaxError) -> TemplateReference {
        do {
            return try TemplateReference(parsing: content)
        } catch {
            switch error {
            case .badName:
                throw self.error("a tag is not finished (a bad name, or no closing delimiter)", at: start)
            case .unknownTransform(let name):
                throw self.error("unknown transform '\(name)' (or one that needs a value in its parentheses)", at: start)
            }
        }
    }

    /// The error `explanation` at the scalar `index`, with its line and column.
    private func error(_ explanation: String, at index: Int) -> TemplateSyntaxError {
        let index = min(index, scalars.count)
        var line = 1
        var lineStart = 0
        for position in 0..<index where scalars[position] == "\n" {
            line += 1
            lineStart = position + 1
        }
        let lineEnd = scalars[lineStart...].firstIndex { $0 == "\n" || $0 == "\r" } ?? scalars.count
        let lineText = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
        return TemplateSyntaxError(line: line, column: index - lineStart + 1, lineText: lineText, explanation: explanation)
    }
}
