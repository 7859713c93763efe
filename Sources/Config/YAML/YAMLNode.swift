/// One node of a composed YAML document, or of a tree to emit.
///
/// Aliases do not appear: the composer resolves each to (a copy of) the node its anchor names, mark included.
/// Tags are kept as libyaml reports them and otherwise ignored, except to tell duplicate mapping keys apart.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// How a collection is written: libyaml's sequence and mapping styles, same raw values.
    enum CollectionStyle: UInt32, Sendable {
        case any = 0
        case block
        case flow
    }

    /// A scalar: its text, how it was (or is to be) written, its tag and its position.
    struct Scalar: Sendable {
        /// libyaml's scalar styles, same raw values.
        enum Style: UInt32, Sendable {
            case any = 0
            case plain
            case singleQuoted
            case doubleQuoted
            case literal
            case folded
        }

        /// The text, after YAML's escapes and folding.
        var string: String
        var style: Style
        /// The tag written in the text, expanded (`tag:yaml.org,2002:str` for `!!str`); `nil` when none was.
        var tag: String?
        /// Where the scalar starts; `nil` for a node built to be emitted.
        var mark: YAMLMark?
    }

    /// A mapping: its pairs in the order written, duplicates refused by the composer.
    struct Mapping: RandomAccessCollection, Sendable {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var style: CollectionStyle
        var tag: String?
        var mark: YAMLMark?

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
    }

    /// A sequence: its items in order.
    struct Sequence: RandomAccessCollection, Sendable {
        var items: [YAMLNode]
        var style: CollectionStyle
        var tag: String?
        var mark: YAMLMark?

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(position: Int) -> YAMLNode { items[position] }
    }

    /// A scalar to emit.
    init(_ string: String, style: Scalar.Style = .any) {
        self = .scalar(Scalar(string: string, style: style, tag: nil, mark: nil))
    }

    /// A mapping to emit.
    init(_ pairs: [(YAMLNode, YAMLNode)], style: CollectionStyle = .any) {
        self = .mapping(Mapping(pairs: pairs.map { (key: $0.0, value: $0.1) }, style: style, tag: nil, mark: nil))
    }

    /// A sequence to emit.
    init(_ items: [YAMLNode], style: CollectionStyle = .any) {
        self = .sequence(Sequence(items: items, style: style, tag: nil, mark: nil))
    }

    /// Where the node starts in the text it was composed from.
    var mark: YAMLMark? {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        }
    }
}
