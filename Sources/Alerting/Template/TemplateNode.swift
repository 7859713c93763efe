/// One piece of a parsed template.
indirect enum TemplateNode: Sendable {
    /// Text written as it is.
    case text(String)
    /// `{{name}}` (escaped for the content type) or `{{{name}}}` / `{{& name}}` (raw).
    case value(TemplateReference, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or with `inverted` `{{^name}}…{{/name}}`.
    case section(TemplateReference, inverted: Bool, [TemplateNode])
    /// `{{$name}}…{{/name}}` outside a parent: its content, as the Mustache specification renders a block.
    case block([TemplateNode])
}

/// A template that is not Mustache: what is wrong and where, counted as people count (lines and columns from 1,
/// columns in Unicode scalars).
struct TemplateSyntaxError: Error, Equatable {
    var line: Int
    var column: Int
    /// The line the problem is on, without its line break.
    var lineText: String
    /// What is wrong, in words.
    var explanation: String
}
