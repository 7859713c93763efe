/// Why a template receiver's template was refused or its body not sent: a code to branch on and a message for
/// people, fit to show as a configuration error or in a delivery log line.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; an open set of named constants.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The stable snake_case name of the code.
        public var rawValue: String

        /// Wraps a code name; prefer the static constants.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The code's name.
        public var description: String { rawValue }

        /// The template is not valid Mustache; the message says what and on which line and column.
        public static let syntax = Code(rawValue: "syntax")
        /// The template sets `CONTENT_TYPE` itself; escaping follows the receiver's content type instead.
        public static let contentTypePragma = Code(rawValue: "content_type_pragma")
        /// The rendered body of a JSON content type does not parse as JSON; the message gives the byte offset.
        public static let invalidJSON = Code(rawValue: "invalid_json")
        /// The rendered body would be larger than `TemplateBody.byteLimit`, or take more than
        /// `TemplateBody.stepLimit` steps.
        public static let tooLarge = Code(rawValue: "too_large")
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong and where.
    public var message: String

    /// Makes an error from a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message alone: it already starts with what failed (`template syntax error …`).
    public var description: String { message }
}

extension TemplateError {
    /// The `.syntax` error for a parser error: what is wrong, the line and column, and the start of that line.
    static func syntax(_ error: TemplateSyntaxError) -> TemplateError {
        let text = error.lineText.count > 60 ? error.lineText.prefix(60) + "…" : error.lineText
        return TemplateError(
            .syntax,
            "template syntax error on line \(error.line), column \(error.column): \(error.explanation) (in \"\(text)\")")
    }
}
