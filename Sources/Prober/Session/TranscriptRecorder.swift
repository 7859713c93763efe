/// Collects transcript lines with their offset from the probe's start, bounded in count.
final class TranscriptRecorder {
    /// More lines than this are dropped (a hostile server may send many small responses).
    static let maxLines = 500

    private let start: ContinuousClock.Instant
    private(set) var lines: [TranscriptLine] = []
    private var dropped = 0

    init(start: ContinuousClock.Instant) {
        self.start = start
    }

    func client(_ text: String) { append(.client, text) }
    func server(_ text: String) { append(.server, text) }
    func note(_ text: String) { append(.note, text) }

    /// The lines, with a closing note if any were dropped.
    var finished: [TranscriptLine] {
        guard dropped > 0 else { return lines }
        return lines + [TranscriptLine(direction: .note, text: "\(dropped) more lines not kept", offset: .now - start)]
    }

    private func append(_ direction: TranscriptLine.Direction, _ text: String) {
        guard lines.count < Self.maxLines else {
            dropped += 1
            return
        }
        lines.append(TranscriptLine(direction: direction, text: text, offset: .now - start))
    }
}
