import Prober

/// Every series of one target, kept as the exposition text it renders to.
///
/// The gauge lines of the last result sit in one buffer, grouped by family in `MetricCatalog.perTarget` order
/// with an offset per family, and are rewritten from each result (what the probe did not learn has no line).
/// Failure counters and phase histograms accumulate; their text is re-rendered when they change. A scrape only
/// copies byte ranges, so its cost does not depend on formatting numbers, and a target costs three allocations.
struct RenderedTarget: Sendable {
    /// The labels the series were made with; a change (a reload) replaces the whole target.
    let labels: TargetLabels
    /// `target="…",host="…",port="…",tls="…",…` without braces.
    let prefix: [UInt8]
    /// The gauge lines of the last result, family after family.
    private var gaugeText: [UInt8] = []
    /// Where family `i`'s lines start in `gaugeText`; `gaugeStarts[i + 1]` is where they end.
    private var gaugeStarts: [Int32]
    private var failureText: [UInt8] = []
    private var histogramText: [UInt8] = []
    private var failures: [FailureKey: UInt64] = [:]
    private var histograms: [Phase: PhaseHistogram] = [:]

    /// A failure counter's own labels.
    struct FailureKey: Hashable, Sendable, Comparable {
        var phase: String
        var reason: String

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.phase, lhs.reason) < (rhs.phase, rhs.reason)
        }
    }

    /// A target with no series yet.
    init(labels: TargetLabels) {
        self.labels = labels
        self.prefix = ExpositionText.labels(labels.with())
        self.gaugeStarts = Array(repeating: 0, count: MetricCatalog.perTarget.count + 1)
    }

    /// Adds the length of each per-target family's lines to `sizes` (indexed as `MetricCatalog.perTarget`).
    func addSizes(to sizes: inout [Int]) {
        for family in 0..<(gaugeStarts.count - 1) {
            sizes[family] += Int(gaugeStarts[family + 1] - gaugeStarts[family])
        }
        sizes[MetricCatalog.failuresIndex] += failureText.count
        sizes[MetricCatalog.phaseDurationIndex] += histogramText.count
    }

    /// Copies each family's lines to `output` at `cursors[family]` and advances the cursors; the caller sized
    /// `output` with `addSizes(to:)`.
    func copyFamilies(to output: UnsafeMutableRawBufferPointer, cursors: inout [Int]) {
        gaugeText.withUnsafeBytes { text in
            for family in 0..<(gaugeStarts.count - 1) {
                let start = Int(gaugeStarts[family])
                let count = Int(gaugeStarts[family + 1]) - start
                guard count > 0 else { continue }
                output.baseAddress?.advanced(by: cursors[family])
                    .copyMemory(from: text.baseAddress!.advanced(by: start), byteCount: count)
                cursors[family] += count
            }
        }
        for (family, text) in [(MetricCatalog.failuresIndex, failureText), (MetricCatalog.phaseDurationIndex, histogramText)]
        where !text.isEmpty {
            text.withUnsafeBytes { bytes in
                output.baseAddress?.advanced(by: cursors[family]).copyMemory(
                    from: bytes.baseAddress!, byteCount: bytes.count)
            }
            cursors[family] += text.count
        }
    }

    /// Renders `result`: its gauges replace the previous ones, its failure is counted, and its phase durations go
    /// into the histograms when `phaseHistograms` (otherwise the histograms are dropped).
    mutating func record(_ result: ProbeResult, gaugeSamples: [GaugeSample], phaseHistograms: Bool) {
        renderGauges(gaugeSamples)
        if let failure = result.failure {
            failures[FailureKey(phase: failure.phase.rawValue, reason: failure.code.rawValue), default: 0] &+= 1
            renderFailures()
        }
        if phaseHistograms {
            recordPhases(result)
        } else if !histograms.isEmpty {
            histograms = [:]
            histogramText = []
        }
    }

    private mutating func renderGauges(_ samples: [GaugeSample]) {
        let indexed = samples.compactMap { sample in
            MetricCatalog.perTargetIndex[sample.family.name].map { (index: $0, sample: sample) }
        }
        // Stable: samples of one family keep their order.
        let grouped = indexed.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }
        gaugeText.removeAll(keepingCapacity: true)
        var position = 0
        for family in 0..<MetricCatalog.perTarget.count {
            gaugeStarts[family] = Int32(gaugeText.count)
            while position < grouped.count, grouped[position].element.index == family {
                let sample = grouped[position].element.sample
                ExpositionText.appendSample(
                    name: sample.family.name, prefix: prefix, extra: sample.key.pairs,
                    value: ExpositionText.gaugeValue(sample.value), to: &gaugeText)
                position += 1
            }
        }
        gaugeStarts[MetricCatalog.perTarget.count] = Int32(gaugeText.count)
    }

    private mutating func recordPhases(_ result: ProbeResult) {
        let bounds = MetricCatalog.phaseBuckets
        var changed = false
        for record in result.phases {
            guard let duration = record.outcome.duration else { continue }
            histograms[record.phase, default: PhaseHistogram(bucketCount: bounds.count)]
                .record(duration, bounds: bounds)
            changed = true
        }
        if changed { renderHistograms() }
    }

    private mutating func renderFailures() {
        failureText.removeAll(keepingCapacity: true)
        for key in failures.keys.sorted() {
            ExpositionText.appendSample(
                name: MetricCatalog.failures.name, prefix: prefix,
                extra: [("phase", key.phase), ("reason", key.reason)], value: String(failures[key] ?? 0),
                to: &failureText)
        }
    }

    private mutating func renderHistograms() {
        let name = MetricCatalog.phaseDuration.name
        histogramText.removeAll(keepingCapacity: true)
        for phase in Phase.allCases {
            guard let histogram = histograms[phase] else { continue }
            let phaseLabel = ("phase", phase.rawValue)
            for (bound, count) in zip(MetricCatalog.phaseBucketLabels, histogram.cumulative) {
                ExpositionText.appendSample(
                    name: name, suffix: "_bucket", prefix: prefix, extra: [phaseLabel, ("le", bound)],
                    value: String(count), to: &histogramText)
            }
            ExpositionText.appendSample(
                name: name, suffix: "_bucket", prefix: prefix, extra: [phaseLabel, ("le", "+Inf")],
                value: String(histogram.count), to: &histogramText)
            ExpositionText.appendSample(
                name: name, suffix: "_sum", prefix: prefix, extra: [phaseLabel],
                value: ExpositionText.seconds(histogram.sum), to: &histogramText)
            ExpositionText.appendSample(
                name: name, suffix: "_count", prefix: prefix, extra: [phaseLabel],
                value: String(histogram.count), to: &histogramText)
        }
    }
}
