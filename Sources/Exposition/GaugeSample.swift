/// One gauge value the last probe of a target sets: the family, the family's own labels, the value.
struct GaugeSample: Sendable {
    var family: MetricFamily
    var key: SeriesKey
    var value: Double

    init(_ family: MetricFamily, _ value: Double) {
        self.init(family, [], value)
    }

    init(_ family: MetricFamily, _ labels: [(String, String)], _ value: Double) {
        self.family = family
        self.key = SeriesKey(family, labels)
        self.value = value
    }
}
