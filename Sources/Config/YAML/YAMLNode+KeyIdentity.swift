extension YAMLNode {
    /// What makes two mapping keys the same key: YAML's equality of nodes (the text and the resolved tag of a
    /// scalar, the items or pairs and the tag of a collection), never the style or the position.
    ///
    /// `a` and `"a"` are one key (both strings); `1` and `"1"` are two (an integer and a string).
    indirect enum KeyIdentity: Hashable {
        case scalar(String, tag: String)
        case sequence([KeyIdentity], tag: String)
        case mapping([KeyIdentity], tag: String)
    }

    /// This node's identity as a mapping key.
    var keyIdentity: KeyIdentity {
        switch self {
        case .scalar(let scalar):
            return .scalar(scalar.string, tag: scalar.resolvedTag)
        case .sequence(let sequence):
            return .sequence(sequence.items.map(\.keyIdentity), tag: Self.resolved(sequence.tag, YAMLImplicitTag.seq))
        case .mapping(let mapping):
            let flattened = mapping.pairs.flatMap { [$0.key.keyIdentity, $0.value.keyIdentity] }
            return .mapping(flattened, tag: Self.resolved(mapping.tag, YAMLImplicitTag.map))
        }
    }

    /// A collection's tag: its own, or the default when none or only `!` was written.
    private static func resolved(_ tag: String?, _ fallback: String) -> String {
        guard let tag, tag != "!" else { return fallback }
        return tag
    }
}

extension YAMLNode.Scalar {
    /// The scalar's type: its written tag (`!` meaning string); without one, a quoted or block scalar is a
    /// string and a plain one is typed by its text.
    var resolvedTag: String {
        switch (tag, style) {
        case ("!", _): YAMLImplicitTag.str
        case (let tag?, _): tag
        case (nil, .plain), (nil, .any): YAMLImplicitTag.resolve(string)
        case (nil, _): YAMLImplicitTag.str
        }
    }
}
