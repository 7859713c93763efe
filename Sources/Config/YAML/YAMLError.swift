/// Why YAML text could not be composed, or a node tree not emitted. Problem and context texts are libyaml's own.
enum YAMLError: Error, Equatable, Sendable {
    /// What libyaml's `context` says: what it was reading, and where that started.
    struct Context: Equatable, Sendable {
        var text: String
        var mark: YAMLMark
    }

    /// The reader refused a character (a control character, a non-character); `byteOffset` is where it starts in
    /// the UTF-8 input.
    case reader(problem: String, byteOffset: Int)
    /// The scanner, the parser or the composer found the text is not (one document of) YAML.
    case syntax(problem: String, mark: YAMLMark, context: Context?)
    /// A mapping repeats `key` (YAML's equality: `a` and `"a"` are the same key); `mark` is its first occurrence.
    case duplicateKey(key: String, mark: YAMLMark)
    /// The document would have more than `limit` nodes, an alias counting every node of what it names again;
    /// `mark` is the node that crossed the limit.
    case tooManyNodes(limit: Int, mark: YAMLMark)
    /// Collections nest deeper than `limit`; `mark` is the collection that crossed it.
    case tooDeep(limit: Int, mark: YAMLMark)
    /// libyaml could not allocate memory.
    case memory
    /// libyaml's emitter refused the events (it says why).
    case emitter(problem: String)
}
