/// Identifies one series of a target: the family's name and the values of the family's own labels.
struct SeriesKey: Hashable, Sendable {
    /// The family's name.
    var family: String
    /// The family's own labels (after the target's), in export order.
    var labels: [LabelPair]

    /// One label name and value.
    struct LabelPair: Hashable, Sendable {
        var name: String
        var value: String
    }

    init(_ family: MetricFamily, _ labels: [(String, String)] = []) {
        self.family = family.name
        self.labels = labels.map { LabelPair(name: $0.0, value: $0.1) }
    }

    /// The family's own labels as swift-prometheus takes them.
    var pairs: [(String, String)] { labels.map { ($0.name, $0.value) } }
}
