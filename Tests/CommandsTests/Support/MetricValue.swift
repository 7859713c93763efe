/// The value of the first sample of `family` in the exposition `body` whose labels contain `target="name"` (when
/// given) and every text of `extra` (`phase="login"`); nil without one.
func metricValue(_ body: String, _ family: String, target: String? = nil, _ extra: [String] = []) -> Double? {
    for line in body.split(separator: "\n") where line.hasPrefix(family + "{") || line.hasPrefix(family + " ") {
        if let target, !line.contains(#"target="\#(target)""#) { continue }
        guard extra.allSatisfy({ line.contains($0) }), let last = line.split(separator: " ").last else { continue }
        return Double(last)
    }
    return nil
}
