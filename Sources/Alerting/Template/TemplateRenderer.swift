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
    /// The most bytes of output; rendering stops at the first byte beyond.
    let maxBytes: Int
    /// The most nodes rendered (a node inside a section over a list counts once per item): sections over lists
    /// multiply, so a template may ask for far more work than its output shows.
    let maxSteps: Int

    /// Why rendering stopped before the end.
    enum Stop: Error, Equatable {
        /// The output passed `maxBytes`; it had this many bytes then.
        case tooLarge(bytes: Int)
        /// More than `maxSteps` nodes were rendered.
        case tooManySteps
    }

    init(escaping: Escaping, maxBytes: Int = .max, maxSteps: Int = .max) {
        self.escaping = escaping
        self.maxBytes = maxBytes
        self.maxSteps = maxSteps
    }

    /// The text of `nodes` over `root`, or why it stopped.
    func render(_ nodes: [TemplateNode], over root: TemplateValue) -> Result<String, Stop> {
        var work = Work(scope: Scope(values: [root], iteration: nil))
        render(nodes, into: &work)
        if let stop = work.stop { return .failure(stop) }
        return .success(work.output)
    }

    /// The values of the sections entered, outermost first, and the innermost list's current item.
    private struct Scope {
        var values: [TemplateValue]
        var iteration: TemplateIteration?
    }

    /// A render in progress: where it is, what it wrote, how much it did, and whether it had to stop.
    private struct Work {
        var scope: Scope
        var output = ""
        var steps = 0
        var stop: Stop?
    }

    private func render(_ nodes: [TemplateNode], into work: inout Work) {
        for node in nodes {
            guard work.stop == nil else { return }
            work.steps += 1
            guard work.steps <= maxSteps else {
                work.stop = .tooManySteps
                return
            }
            switch node {
            case .text(let text):
                work.output += text
            case .value(let reference, let escaped):
                let text = resolve(reference, in: work.scope)?.renderedText ?? ""
                work.output += escaped && escaping == .jsonString ? JSONStringEscaping.escape(text) : text
            case .block(let children):
                render(children, into: &work)
            case .section(let reference, let inverted, let children):
                let value = resolve(reference, in: work.scope)
                if inverted {
                    if !(value?.isTruthy ?? false) { render(children, into: &work) }
                } else if let value, value.isTruthy {
                    section(children, over: value, into: &work)
                }
            }
            if work.stop == nil, work.output.utf8.count > maxBytes {
                work.stop = .tooLarge(bytes: work.output.utf8.count)
            }
        }
    }

    /// A section's content over a value that is not false: once per item of a list, once over anything else,
    /// with that value (`true` too) as the innermost one `{{.}}` names.
    private func section(_ children: [TemplateNode], over value: TemplateValue, into work: inout Work) {
        guard case .list(let items) = value else {
            work.scope.values.append(value)
            render(children, into: &work)
            work.scope.values.removeLast()
            return
        }
        let outer = work.scope.iteration
        for (index, item) in items.enumerated() {
            guard work.stop == nil else { break }
            work.scope.values.append(item)
            work.scope.iteration = TemplateIteration(index: index, count: items.count)
            render(children, into: &work)
            work.scope.values.removeLast()
        }
        work.scope.iteration = outer
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
