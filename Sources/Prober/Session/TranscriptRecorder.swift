/// Collects transcript lines with their offset from the probe's start, bounded in count.
///
/// A recorder that does not `keep` lines renders none: the text of a line is only computed when it is kept, so
/// a probe whose transcript nobody reads (every scheduled probe of `serve`, `check`) does not pay for it.
final class TranscriptRecorder {
    /// More lines than this are dropped (a hostile server may send many small responses).
    static let maxLines = 500

    private let start: ContinuousClock.Instant
    private let keeps: Bool
    private(set) var lines: [TranscriptLine] = []
    private var dropped = 0

    init(start: ContinuousClock.Instant, keeps: Bool = true) {
        self.start = start
        self.keeps = keeps
    }

    func client(_ text: @autoclosure () -> String) { append(.client, text) }
    func server(_ text: @autoclosure () -> String) { append(.server, text) }
    func note(_ text: @autoclosure () -> String) { append(.note, text) }

    /// The lines, with a closing note if any were dropped.
    var finished: [TranscriptLine] {
        guard dropped > 0 else { return lines }
        return lines + [TranscriptLine(direction: .note, text: "\(dropped) more lines not kept", offset: .now - start)]
    }

    private func append(_ direction: TranscriptLine.Direction, _ text: () -> String) {
        guard keeps else { return }
        guard lines.count < Self.maxLines else {
            dropped += 1
            return
        }
        lines.append(TranscriptLine(direction: direction, text: text(), offset: .now - start))
    }
}
