/// Exposition text cut into families, with each family's samples sorted: swift-prometheus emits families and
/// series in dictionary order, so tests compare one family at a time in a stable order.
struct ParsedExposition {
    /// Each family's `# HELP`, `# TYPE` and sample lines (samples sorted), keyed by family name.
    private(set) var families: [String: [String]] = [:]
    /// Every line, as emitted.
    let lines: [String]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var headers: [String: [String]] = [:]
        var samples: [String: [String]] = [:]
        var current = ""
        for line in lines {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                current = String(line.dropFirst(7).prefix { $0 != " " })
                headers[current, default: []].append(line)
            } else {
                samples[current, default: []].append(line)
            }
        }
        for (name, header) in headers {
            families[name] = header + (samples[name] ?? []).sorted()
        }
    }

    /// The family's block as text (header, then sorted samples), or `nil` when it is absent.
    func family(_ name: String) -> String? {
        families[name].map { $0.joined(separator: "\n") }
    }

    /// The sample lines of a family, sorted; empty when it is absent.
    func samples(_ name: String) -> [String] {
        (families[name] ?? []).filter { !$0.hasPrefix("#") }
    }
}
