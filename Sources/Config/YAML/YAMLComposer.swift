/// Composes the one document of YAML text into a `YAMLNode` tree with libyaml, as Yams' `compose(yaml:)` did:
/// the same events in the same order, so the same errors at the same places, plus limits Yams did not have.
///
/// Aliases are resolved to the node their anchor names (position included); an alias before its anchor, or
/// inside the collection it names, is libyaml's "found undefined alias". Every node counts towards
/// `Limits.maxNodes`, an alias counting all the nodes it stands for, so a "billion laughs" document stops at the
/// limit instead of being walked. A mapping that repeats a key is refused. A second document is an error.
struct YAMLComposer {
    /// Bounds on what one document may make.
    struct Limits: Sendable {
        /// At most this many nodes, aliases expanded.
        var maxNodes = 1_000_000
        /// At most this many collections inside one another. A backstop: libyaml's nesting limit (see
        /// `YAMLParser`) stops ordinary documents first.
        var maxDepth = 10_000
    }

    var limits = Limits()

    /// The root node, `nil` when the text holds no document.
    func compose(_ text: String) throws(YAMLError) -> YAMLNode? {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(YAMLError) -> YAMLNode? in try compose(bytes: bytes) }
        }
        return try result.get()
    }

    private func compose(bytes: UnsafeBufferPointer<UInt8>) throws(YAMLError) -> YAMLNode? {
        var parser = try YAMLParser(bytes: bytes)
        _ = try parser.next()  // the stream start
        if case .streamEnd = try parser.next().kind { return nil }  // else the document start
        var builder = YAMLTreeBuilder(limits: limits)
        let root = try builder.node(startingWith: try parser.next(), parser: &parser)
        _ = try parser.next()  // the document end
        let next = try parser.next()
        guard case .streamEnd = next.kind else { throw Self.secondDocument(at: next.mark) }
        return root
    }

    /// Yams' words for a stream with more than one document.
    private static func secondDocument(at mark: YAMLMark) -> YAMLError {
        let context = YAMLError.Context(text: "expected a single document in the stream", mark: YAMLMark(line: 1, column: 1))
        return .syntax(problem: "but found another document", mark: mark, context: context)
    }
}
