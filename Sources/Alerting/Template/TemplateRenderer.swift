/// Renders parsed template nodes over a value, the way Mustache does: names are looked up from the innermost
/// section's value outwards, a dotted name then only inside what its first part found, and a missing name renders
/// nothing.
struct TemplateRenderer {
    /// How `{{name}}` writes a value; `{{{name}}}` always writes it as it is.
    enum Escaping {
        /// As the inside of a JSON string (`JSONStringEscaping`).
        case jsonString
        /// As it is.
        case none
    }

    let escaping: Escaping

    /// The text of `nodes` over `root`.
    func render(_ nodes: [TemplateNode], over root: TemplateValue) -> String {
        var output = ""
        var scope = Scope(values: [root], iteration: nil)
        render(nodes, in: &scope, into: &output)
        return output
    }

    /// The values of the sections entered, outermost first, and the innermost list's current item.
    private struct Scope {
        var values: [TemplateValue]
        var iteration: TemplateIteration?
    }

    private func render(_ nodes: [TemplateNode], in scope: inout Scope, into output: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .value(let reference, let escaped):
                let text = resolve(reference, in: scope)?.renderedText ?? ""
                output += escaped && escaping == .jsonString ? JSONStringEscaping.escape(text) : text
            case .block(let children):
                render(children, in: &scope, into: &output)
            case .section(let reference, let inverted, let children):
                let value = resolve(reference, in: scope)
                if inverted {
                    if !(value?.isTruthy ?? false) { render(children, in: &scope, into: &output) }
                } else if let value, value.isTruthy {
                    section(children, over: value, in: &scope, into: &output)
                }
            }
        }
    }

    /// A section's content over a value that is not false: once per item of a list, once over anything else
    /// (`true` adds no value to look names up in).
    private func section(_ children: [TemplateNode], over value: TemplateValue, in scope: inout Scope,
                         into output: inout String)
    {
        switch value {
        case .list(let items):
            let outer = scope.iteration
            for (index, item) in items.enumerated() {
                scope.values.append(item)
                scope.iteration = TemplateIteration(index: index, count: items.count)
                render(children, in: &scope, into: &output)
                scope.values.removeLast()
            }
            scope.iteration = outer
        case .bool:
            render(children, in: &scope, into: &output)
        case .text, .number, .map:
            scope.values.append(value)
            render(children, in: &scope, into: &output)
            scope.values.removeLast()
        }
    }

    /// The value `reference` names in `scope`, its transforms applied from the innermost out.
    private func resolve(_ reference: TemplateReference, in scope: Scope) -> TemplateValue? {
        var transforms = reference.transforms[...]
        var value: TemplateValue?
        if reference.readsIteration {
            let innermost = transforms.popLast()
            value = scope.iteration.flatMap { iteration in innermost.flatMap { TemplateTransform.apply($0, to: iteration) } }
        } else if let first = reference.path.first {
            value = scope.values.reversed().lazy.compactMap { $0.member(first) }.first
            for name in reference.path.dropFirst() { value = value?.member(name) }
        } else {
            value = scope.values.last
        }
        for transform in transforms.reversed() {
            value = value.flatMap { TemplateTransform.apply(transform, to: $0) }
        }
        return value
    }
}
