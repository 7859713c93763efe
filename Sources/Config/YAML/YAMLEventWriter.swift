import CYAML

/// Turns a node tree into libyaml emitter events, without recursion, and hands each to the emitter (which owns
/// and frees it, whether it succeeds or not).
struct YAMLEventWriter {
    let emitter: UnsafeMutablePointer<yaml_emitter_t>

    /// What is left to write: a node, or the end of a collection.
    private enum Step {
        case node(YAMLNode)
        case sequenceEnd
        case mappingEnd
    }

    /// Writes `node` and everything in it. Tags are never written (every event is implicit), as Yams wrote them.
    func write(_ node: YAMLNode) throws(YAMLError) {
        var steps: [Step] = [.node(node)]
        while let step = steps.popLast() {
            switch step {
            case .node(.scalar(let scalar)):
                try emitScalar(scalar)
            case .node(.sequence(let sequence)):
                let style = yaml_sequence_style_t(rawValue: sequence.style.rawValue)
                try emit { yaml_sequence_start_event_initialize(&$0, nil, nil, 1, style) }
                steps.append(.sequenceEnd)
                steps.append(contentsOf: sequence.items.reversed().map(Step.node))
            case .node(.mapping(let mapping)):
                let style = yaml_mapping_style_t(rawValue: mapping.style.rawValue)
                try emit { yaml_mapping_start_event_initialize(&$0, nil, nil, 1, style) }
                steps.append(.mappingEnd)
                steps.append(contentsOf: mapping.pairs.reversed().flatMap { [Step.node($0.value), .node($0.key)] })
            case .sequenceEnd:
                try emit { yaml_sequence_end_event_initialize(&$0) }
            case .mappingEnd:
                try emit { yaml_mapping_end_event_initialize(&$0) }
            }
        }
    }

    /// A scalar's event: its UTF-8 bytes with their length (a NUL is a character), plain and quoted implicit.
    private func emitScalar(_ scalar: YAMLNode.Scalar) throws(YAMLError) {
        var value = Array(scalar.string.utf8)
        guard let length = Int32(exactly: value.count) else { throw .emitter(problem: "scalar too long") }
        let style = yaml_scalar_style_t(rawValue: scalar.style.rawValue)
        value.append(0)  // never empty: libyaml wants an address
        try emit { event in
            value.withUnsafeBufferPointer {
                yaml_scalar_event_initialize(&event, nil, nil, $0.baseAddress, length, 1, 1, style)
            }
        }
    }

    /// Makes an event with `initialize` (1 on success, as libyaml's initializers return) and emits it.
    func emit(_ initialize: (inout yaml_event_t) -> Int32) throws(YAMLError) {
        var event = yaml_event_t()
        guard initialize(&event) == 1 else { throw .memory }
        guard yaml_emitter_emit(emitter, &event) == 1 else {
            let state = emitter.pointee
            if state.error == YAML_MEMORY_ERROR { throw .memory }
            throw .emitter(problem: state.problem.map { String(cString: $0) } ?? "cannot emit")
        }
    }
}
