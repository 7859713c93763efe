/// Builds the node tree of one document from parser events, without recursion, keeping the anchors and the
/// composer's limits.
struct YAMLTreeBuilder {
    /// A collection still open: what it holds so far and how many nodes that is (aliases expanded).
    private struct OpenCollection {
        var isMapping: Bool
        var anchor: String?
        var tag: String?
        var style: YAMLNode.CollectionStyle
        var mark: YAMLMark
        /// The items, or a mapping's keys and values alternately.
        var children: [YAMLNode] = []
        var size = 1
    }

    let limits: YAMLComposer.Limits
    /// Each anchor's node and its size; a later anchor of the same name replaces an earlier one.
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    /// The nodes made so far, aliases expanded.
    private var produced = 0

    init(limits: YAMLComposer.Limits) {
        self.limits = limits
    }

    /// The node that starts with `first`, reading the rest of it from `parser`.
    mutating func node(startingWith first: YAMLParserEvent, parser: inout YAMLParser) throws(YAMLError) -> YAMLNode {
        var open: [OpenCollection] = []
        var event = first
        while true {
            var finished: (node: YAMLNode, size: Int)?
            switch event.kind {
            case .alias(let anchor):
                guard let anchored = anchors[anchor] else {
                    throw .syntax(problem: "found undefined alias", mark: event.mark, context: nil)
                }
                try count(anchored.size, at: event.mark)
                finished = anchored
            case .scalar(let scalar, let anchor):
                try count(1, at: event.mark)
                finished = (.scalar(scalar), 1)
                register(anchor, finished)
            case .sequenceStart(let anchor, let tag, let style), .mappingStart(let anchor, let tag, let style):
                try count(1, at: event.mark)
                guard open.count < limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth, mark: event.mark) }
                let isMapping = if case .mappingStart = event.kind { true } else { false }
                open.append(OpenCollection(isMapping: isMapping, anchor: anchor, tag: tag, style: style, mark: event.mark))
            case .sequenceEnd, .mappingEnd:
                guard let collection = open.popLast() else {
                    throw .syntax(problem: "unexpected end of a collection", mark: event.mark, context: nil)
                }
                finished = try (Self.close(collection), collection.size)
                register(collection.anchor, finished)
            case .streamStart, .streamEnd, .documentStart, .documentEnd, .other:
                throw .syntax(problem: "unexpected event", mark: event.mark, context: nil)
            }
            if let finished {
                guard !open.isEmpty else { return finished.node }
                open[open.count - 1].children.append(finished.node)
                open[open.count - 1].size += finished.size
            }
            event = try parser.next()
        }
    }

    private mutating func count(_ nodes: Int, at mark: YAMLMark) throws(YAMLError) {
        produced += nodes
        guard produced <= limits.maxNodes else { throw .tooManyNodes(limit: limits.maxNodes, mark: mark) }
    }

    private mutating func register(_ anchor: String?, _ node: (node: YAMLNode, size: Int)?) {
        guard let anchor, let node else { return }
        anchors[anchor] = node
    }

    /// The finished node of a closed collection; a mapping that repeats a key is refused.
    private static func close(_ collection: OpenCollection) throws(YAMLError) -> YAMLNode {
        guard collection.isMapping else {
            return .sequence(.init(items: collection.children, style: collection.style, tag: collection.tag,
                                   mark: collection.mark))
        }
        let keys = stride(from: 0, to: collection.children.count - 1, by: 2).map { collection.children[$0] }
        if let duplicate = firstDuplicate(among: keys) {
            throw .duplicateKey(key: duplicate.string, mark: duplicate.mark)
        }
        let pairs = keys.indices.map { (key: keys[$0], value: collection.children[2 * $0 + 1]) }
        return .mapping(.init(pairs: pairs, style: collection.style, tag: collection.tag, mark: collection.mark))
    }

    /// The repeated key to report, as Yams chose it: of the keys that occur more than once, the first occurrence
    /// of the one whose text sorts first (a collection key, which has no text, after every scalar).
    private static func firstDuplicate(among keys: [YAMLNode]) -> (string: String, mark: YAMLMark)? {
        var firstIndex: [YAMLNode.KeyIdentity: Int] = [:]
        var repeated: Set<Int> = []
        for (index, key) in keys.enumerated() {
            let identity = key.keyIdentity
            if let first = firstIndex[identity] { repeated.insert(first) } else { firstIndex[identity] = index }
        }
        let chosen = repeated.sorted().min { lhs, rhs in
            switch (keys[lhs], keys[rhs]) {
            case (.scalar(let left), .scalar(let right)): left.string < right.string
            case (.scalar, _): true
            default: false
            }
        }
        guard let chosen else { return nil }
        let text = if case .scalar(let scalar) = keys[chosen] { scalar.string } else { "<a collection>" }
        return (text, keys[chosen].mark ?? YAMLMark(line: 0, column: 0))
    }
}
