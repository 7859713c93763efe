import Config
import Prober

/// The rendered series of every target, and the scrape that concatenates them family by family.
///
/// Targets live in an array (a name → slot map beside it) so a scrape walks them by position in name order
/// without hashing; the order is rebuilt only when the set of targets changed. Not thread-safe by itself:
/// `ProbeMetrics` keeps it behind a lock.
struct TargetSeriesStore: Sendable {
    private var slots: [String: Int] = [:]
    private var rendered: [RenderedTarget] = []
    /// Slots in target-name order, rebuilt after the set of targets changed.
    private var order: [Int]?

    /// Records `result` for `target`; a change of the target's labels starts its series afresh.
    mutating func record(_ result: ProbeResult, target: TargetConfiguration, phaseHistograms: Bool) {
        let labels = TargetLabels(target)
        let samples = result.gaugeSamples(tlsMode: target.settings.tlsMode)
        if let slot = slots[target.name] {
            if rendered[slot].labels != labels { rendered[slot] = RenderedTarget(labels: labels) }
            rendered[slot].record(result, gaugeSamples: samples, phaseHistograms: phaseHistograms)
        } else {
            var fresh = RenderedTarget(labels: labels)
            fresh.record(result, gaugeSamples: samples, phaseHistograms: phaseHistograms)
            slots[target.name] = rendered.count
            rendered.append(fresh)
            order = nil
        }
    }

    /// Forgets the target named `name`; unknown names are ignored.
    mutating func remove(_ name: String) {
        guard let slot = slots.removeValue(forKey: name) else { return }
        let last = rendered.count - 1
        if slot != last {
            rendered.swapAt(slot, last)
            slots[rendered[slot].labels.target] = slot
        }
        rendered.removeLast()
        order = nil
    }

    /// The labels of the target named `name`, if it has series.
    func labels(of name: String) -> TargetLabels? {
        slots[name].map { rendered[$0].labels }
    }

    /// The names of the targets that have series, sorted.
    var names: [String] { slots.keys.sorted() }

    /// Where each family goes in a scrape: the total size, and where each family's lines start.
    struct Layout {
        /// Bytes of the whole per-target part.
        var total = 0
        /// Each family's lines' size (0: the family is left out, header included).
        var sizes: [Int]
        /// Where each family's lines start (after its header).
        var starts: [Int]
    }

    /// Lays out every per-target family that has at least one line: its header, then each target's lines in
    /// name order. Rebuilds the name order when targets came or went.
    mutating func layout() -> Layout {
        let order = self.order ?? rendered.indices.sorted { rendered[$0].labels.target < rendered[$1].labels.target }
        self.order = order
        let families = MetricCatalog.perTarget.count
        var layout = Layout(sizes: Array(repeating: 0, count: families), starts: Array(repeating: 0, count: families))
        for slot in order { rendered[slot].addSizes(to: &layout.sizes) }
        for family in 0..<families where layout.sizes[family] > 0 {
            layout.starts[family] = layout.total + MetricCatalog.perTargetHeaders[family].count
            layout.total += MetricCatalog.perTargetHeaders[family].count + layout.sizes[family]
        }
        return layout
    }

    /// Writes the per-target part laid out by `layout()` (with nothing changed since) to `output`, which holds
    /// `layout.total` bytes.
    ///
    /// Targets are walked one after the other, each copying its lines straight to their places, rather than
    /// family by family across all targets (which misses the cache on every line at 10,000 targets).
    func write(_ layout: Layout, to output: UnsafeMutableRawBufferPointer) {
        guard let base = output.baseAddress, output.count >= layout.total else { return }
        for family in layout.sizes.indices where layout.sizes[family] > 0 {
            MetricCatalog.perTargetHeaders[family].withUnsafeBytes { header in
                base.advanced(by: layout.starts[family] - header.count).copyMemory(
                    from: header.baseAddress!, byteCount: header.count)
            }
        }
        var cursors = layout.starts
        for slot in order ?? [] { rendered[slot].copyFamilies(to: output, cursors: &cursors) }
    }
}
