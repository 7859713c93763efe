import Yams

/// Parses YAML text into a node tree, turning libyaml's errors into positioned diagnostics.
///
/// Yams' own error descriptions quote the offending line, which may hold a password: only the problem text,
/// the context text and the position are kept.
enum YAMLSyntax {
    /// The root node (`nil` for an empty document); throws the one syntax error that stopped the parse.
    static func compose(_ yaml: String, file: String) throws(ConfigError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigError(diagnostics: [diagnostic(error, yaml: yaml, file: file)])
        } catch {
            let location = SourceLocation(file: file, line: 1, column: 1)
            let problem = ConfigProblem.syntax(problem: "cannot parse", context: nil)
            throw ConfigError(diagnostics: [ConfigDiagnostic(location: location, problem: problem)])
        }
    }

    private static func diagnostic(_ error: YamlError, yaml: String, file: String) -> ConfigDiagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func context(_ context: YamlError.Context?) -> String? {
            context.map { "\($0.text) at \($0.mark.line):\($0.mark.column)" }
        }
        switch error {
        case .scanner(let ctx, let problem, let mark, _), .parser(let ctx, let problem, let mark, _),
            .composer(let ctx, let problem, let mark, _):
            return ConfigDiagnostic(location: at(mark), problem: .syntax(problem: problem, context: context(ctx)))
        case .duplicatedKeysInMapping(let duplicates, let ctx):
            return ConfigDiagnostic(location: at(ctx.mark), problem: .duplicateKey(key: duplicates.first ?? "?"))
        case .reader(let problem, let offset, _, _):
            return ConfigDiagnostic(location: position(ofCharacter: offset ?? 0, in: yaml, file: file),
                                    problem: .syntax(problem: problem, context: nil))
        default:
            return ConfigDiagnostic(location: SourceLocation(file: file, line: 1, column: 1),
                                    problem: .syntax(problem: "cannot parse", context: nil))
        }
    }

    /// Line and column of the character at `offset` (Yams turns libyaml's byte offset into characters), counted
    /// as libyaml counts the marks of its other errors: columns in Unicode scalars, a leading byte order mark not
    /// counted, and CRLF, CR, LF, NEL, LS and PS each ending a line.
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
