/// One target's histogram of one phase's durations: cumulative counts per upper bound, the count and the sum.
struct PhaseHistogram: Sendable {
    /// Cumulative counts, one per bound of `bounds` (the `+Inf` bucket is `count`).
    private(set) var cumulative: [UInt64]
    /// Observations.
    private(set) var count: UInt64 = 0
    /// Sum of the observations.
    private(set) var sum: Duration = .zero

    /// An empty histogram over `bucketCount` bounds.
    init(bucketCount: Int) {
        cumulative = Array(repeating: 0, count: bucketCount)
    }

    /// Counts `duration` (negative ones as zero) in every bucket whose bound it does not exceed.
    mutating func record(_ duration: Duration, bounds: [Duration]) {
        let value = max(duration, .zero)
        for index in bounds.indices where value <= bounds[index] {
            cumulative[index] &+= 1
        }
        count &+= 1
        sum += value
    }
}
