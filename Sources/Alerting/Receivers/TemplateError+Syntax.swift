import Mustache

extension TemplateError {
    /// The `.syntax` error for swift-mustache's parser error: what is wrong, the line and column in the user's
    /// template (`linesBefore` lines were put before it), and the start of that line.
    static func syntax(_ error: MustacheTemplate.ParserError, linesBefore: Int) -> TemplateError {
        let context = error.context
        let line = max(1, context.lineNumber - linesBefore)
        let text = context.line.count > 60 ? context.line.prefix(60) + "…" : context.line
        return TemplateError(
            .syntax,
            "template syntax error on line \(line), column \(context.columnNumber): \(explanation(error.error)) "
                + "(in \"\(text)\")")
    }

    /// swift-mustache's parser error in words.
    static func explanation(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else {
            // The reader's own (internal) error: it ran past the end looking for a tag's closing delimiter.
            return "\(error)" == "overflow" ? "the template ends inside a tag" : "\(error)"
        }
        switch error {
        case .sectionCloseNameIncorrect: return "this closing tag does not match the open section"
        case .unfinishedName: return "a tag is not finished (a bad name, or no closing delimiter)"
        case .expectedSectionEnd: return "a section is not closed by the end of the template"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform on an inheritance block"
        case .illegalTokenInsideInheritSection: return "only blocks may be inside a partial's inheritance section"
        case .textInsideInheritSection: return "text inside a partial's inheritance section"
        case .invalidConfigVariableSyntax: return "invalid pragma"
        case .unrecognisedConfigVariable: return "unknown pragma"
        @unknown default: return "\(error)"
        }
    }
}
