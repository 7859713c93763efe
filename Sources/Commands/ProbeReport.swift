import Config
import IMAPProtocol
import Prober

/// What `imapwatch probe` shows a person: a waterfall of phases, then connection, TLS, capabilities, mailbox,
/// fetch and quota facts, and optionally the redacted transcript.
///
/// Pure: it renders a `ProbeResult`. Every line is scrubbed of the given secrets, then shows any control
/// character a server slipped into its text (greeting, certificate names, quota roots, ...) as a `\u{..}` escape.
public struct ProbeReport: Sendable {
    /// What the probe found.
    public var result: ProbeResult
    /// Days left on the certificate are counted from here (Unix seconds).
    public var now: Double
    /// The width of the waterfall bars in columns.
    public var barWidth: Int
    /// Whether to append the `C:`/`S:` transcript.
    public var showTranscript: Bool
    let scrubber: SecretScrubber

    /// A report of `result`; `secrets` are replaced by `<redacted>` wherever they would appear.
    public init(
        result: ProbeResult, now: Double, barWidth: Int = 40, showTranscript: Bool = false, secrets: [Secret] = []
    ) {
        // Scrubbed before any line is built (and flattened), and every line once more.
        self.scrubber = SecretScrubber(secrets)
        self.result = result.scrubbing(scrubber)
        self.now = now
        self.barWidth = max(barWidth, 1)
        self.showTranscript = showTranscript
    }

    /// The whole text report.
    public func render() -> String {
        var lines = [headline, ""] + waterfall + [""] + facts
        if showTranscript {
            lines += ["", "transcript:"] + result.transcript.map(Self.transcriptLine)
        }
        return lines.map { scrubber.scrub($0).escapingControlCharacters }.joined(separator: "\n")
    }

    /// `host:port (mode) OK in 41.0 ms`, or `... FAILED in 41.0 ms: <phase> failed: <code> (<detail>)`: the
    /// verdict and the time first, the reason (of any length) last.
    private var headline: String {
        let verdict = "\(result.host):\(result.port) (\(result.tlsMode.rawValue)) "
            + (result.failure == nil ? "OK" : "FAILED") + " in " + Self.milliseconds(result.totalDuration.inSeconds) + " ms"
        return result.failure.map { verdict + ": " + HealthEvaluator.failureText($0) } ?? verdict
    }

    /// One row per phase in fixed columns: name, start offset and duration in ms (right-aligned), and a bar
    /// scaled to the total; a skipped phase shows `-` in both columns and why it was skipped.
    public var waterfall: [String] {
        let rows = result.phases.map { record in
            switch record.outcome {
            case .skipped(let reason): WaterfallRow(name: record.phase.rawValue, skipped: reason.rawValue)
            case .succeeded(let duration): WaterfallRow(name: record.phase.rawValue, seconds: duration.inSeconds)
            case .failed(let duration, let failure):
                WaterfallRow(name: record.phase.rawValue, seconds: duration.inSeconds, failed: failure.code.rawValue)
            }
        }
        return Self.waterfall(rows, total: result.totalDuration.inSeconds, barWidth: barWidth)
    }

    /// One phase's row of a waterfall: its time, or why it was skipped; the failure's code when it failed.
    struct WaterfallRow {
        var name: String
        var seconds: Double?
        var skipped: String?
        var failed: String?

        init(name: String, seconds: Double? = nil, skipped: String? = nil, failed: String? = nil) {
            self.name = name
            self.seconds = seconds
            self.skipped = skipped
            self.failed = failed
        }
    }

    /// `rows` in fixed columns, each phase starting where the one before ended, bars of `barWidth` scaled to
    /// `total` (or to the sum of the rows, when that is longer).
    static func waterfall(_ rows: [WaterfallRow], total: Double, barWidth: Int) -> [String] {
        let total = max(total, rows.compactMap(\.seconds).reduce(0, +))
        var offset = 0.0
        var lines = [Self.pad("phase", Self.nameWidth) + Self.padLeft("start ms", 10) + Self.padLeft("took ms", 10)]
        for row in rows {
            let name = Self.pad(row.name, Self.nameWidth)
            guard let seconds = row.seconds else {
                lines.append(name + Self.padLeft("-", 10) + Self.padLeft("-", 10) + "  skipped (\(row.skipped ?? ""))")
                continue
            }
            var line = name + Self.padLeft(Self.milliseconds(offset), 10) + Self.padLeft(Self.milliseconds(seconds), 10)
            line += "  " + bar(offset: offset, seconds: seconds, total: total, width: barWidth)
            if let failed = row.failed { line += "  FAILED \(failed)" }
            lines.append(line)
            offset += seconds
        }
        return lines
    }

    /// The phase column: the longest phase name and a space.
    static let nameWidth = (Phase.allCases.map(\.rawValue.count).max() ?? 0) + 1

    /// `░` before and after, `█` for the phase's share of `total`; at least one `█` for any phase that ran.
    static func bar(offset: Double, seconds: Double, total: Double, width barWidth: Int) -> String {
        guard total > 0 else { return String(repeating: "█", count: 1) + String(repeating: "░", count: barWidth - 1) }
        let start = min(Int((offset / total * Double(barWidth)).rounded(.down)), barWidth - 1)
        let end = min(max(Int(((offset + seconds) / total * Double(barWidth)).rounded(.up)), start + 1), barWidth)
        return String(repeating: "░", count: start) + String(repeating: "█", count: end - start)
            + String(repeating: "░", count: barWidth - end)
    }

    static func transcriptLine(_ line: TranscriptLine) -> String {
        "\(line.direction.rawValue): \(line.text)"
    }

    /// Milliseconds with one decimal (`41.0`).
    static func milliseconds(_ seconds: Double) -> String {
        let tenths = Int64((seconds * 10_000).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}

