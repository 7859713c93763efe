/// The metric families a `/metrics` scrape declares with `# TYPE`, and which names PromQL may select from them.
struct ExportedFamilies {
    /// Family name to type (`counter`, `gauge`, `histogram`, `summary`, `untyped`).
    let types: [String: String]

    /// The families declared in the exposition `text`.
    init(exposition text: String) {
        var types: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("# TYPE ") {
            let fields = line.split(separator: " ")
            if fields.count == 4 { types[String(fields[2])] = String(fields[3]) }
        }
        self.types = types
    }

    /// Whether a selector of `name` finds series: a family of that name (not a histogram, whose series are only
    /// `_bucket`, `_sum` and `_count`), or one of those series of a histogram (`_sum`, `_count` of a summary).
    func exports(_ name: String) -> Bool {
        if let type = types[name] { return type != "histogram" }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            switch types[String(name.dropLast(suffix.count))] {
            case "histogram": return true
            case "summary": return suffix != "_bucket"
            default: continue
            }
        }
        return false
    }
}
