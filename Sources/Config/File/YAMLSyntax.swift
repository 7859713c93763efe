/// Parses YAML text into a node tree, turning libyaml's errors into positioned diagnostics.
///
/// Only libyaml's problem text, its context text and the position are kept, never the offending line, which may
/// hold a password.
enum YAMLSyntax {
    /// The root node (`nil` for an empty document); throws the one syntax error that stopped the parse.
    static func compose(_ yaml: String, file: String) throws(ConfigError) -> YAMLNode? {
        do {
            return try YAMLComposer().compose(yaml)
        } catch {
            throw ConfigError(diagnostics: [diagnostic(error, yaml: yaml, file: file)])
        }
    }

    private static func diagnostic(_ error: YAMLError, yaml: String, file: String) -> ConfigDiagnostic {
        func at(_ mark: YAMLMark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .syntax(let problem, let mark, let context):
            let context = context.map { "\($0.text) at \($0.mark.line):\($0.mark.column)" }
            return ConfigDiagnostic(location: at(mark), problem: .syntax(problem: problem, context: context))
        case .duplicateKey(let key, let mark):
            return ConfigDiagnostic(location: at(mark), problem: .duplicateKey(key: key))
        case .reader(let problem, let byteOffset):
            return ConfigDiagnostic(location: position(ofByte: byteOffset, in: yaml, file: file),
                                    problem: .syntax(problem: problem, context: nil))
        case .tooManyNodes(let limit, let mark):
            let problem = "more than \(limit) nodes (an alias counts every node it stands for)"
            return ConfigDiagnostic(location: at(mark), problem: .syntax(problem: problem, context: nil))
        case .tooDeep(let limit, let mark):
            let problem = "collections nested more than \(limit) deep"
            return ConfigDiagnostic(location: at(mark), problem: .syntax(problem: problem, context: nil))
        case .memory, .emitter:
            return ConfigDiagnostic(location: SourceLocation(file: file, line: 1, column: 1),
                                    problem: .syntax(problem: "cannot parse", context: nil))
        }
    }

    /// Line and column of the character holding byte `offset` of the UTF-8 text, counted as libyaml counts the
    /// marks of its other errors: columns in Unicode scalars, a leading byte order mark not counted, and CRLF, CR,
    /// LF, NEL, LS and PS each ending a line. The offset is first taken to the character (grapheme) it falls on,
    /// 1:1 when it falls inside one, as the earlier YAML library did.
    private static func position(ofByte offset: Int, in text: String, file: String) -> SourceLocation {
        let byteIndex = text.utf8.index(text.utf8.startIndex, offsetBy: offset, limitedBy: text.utf8.endIndex)
        let characters = byteIndex?.samePosition(in: text).map { text.distance(from: text.startIndex, to: $0) }
        return position(ofCharacter: characters ?? 0, in: text, file: file)
    }

    /// Line and column of the character at `offset`, counted as `position(ofByte:in:file:)` says.
    private static func position(ofCharacter offset: Int, in text: String, file: String) -> SourceLocation {
        let end = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        var line = 1
        var column = 1
        var previous: Unicode.Scalar?
        for scalar in text[..<end].unicodeScalars {
            switch scalar {
            case "\u{FEFF}" where previous == nil, "\n" where previous == "\r":
                break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
            previous = scalar
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
