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
