import Foundation
import Testing

/// A `check` status line cut into its parts: `SERVICE STATUS - summary | perfdata`.
struct StatusLine {
    /// Everything before ` | `.
    var summary: String
    /// The perfdata tokens, in order.
    var perfdata: [String]

    /// Cuts `line`; a line without ` | ` has no perfdata.
    init(_ line: String) {
        if let bar = line.range(of: " | ") {
            summary = String(line[..<bar.lowerBound])
            perfdata = PerfdataGrammar.tokens(String(line[bar.upperBound...]))
        } else {
            summary = line
            perfdata = []
        }
    }

    /// Each token's label, unquoted (`''` back to `'`).
    var labels: [String] { perfdata.compactMap { Self.split($0)?.label } }

    /// The labels that are phase names, in order.
    var phaseLabels: [String] { labels.filter { Self.phases.contains($0) } }

    /// The value of the token labelled `label` (without its unit).
    func value(_ label: String) -> Double? {
        perfdata.lazy.compactMap(Self.split).first { $0.label == label }?.value
    }

    /// The whole token labelled `label`.
    func token(_ label: String) -> String? {
        perfdata.first { Self.split($0)?.label == label }
    }

    /// Every phase name, as printed in perfdata.
    static let phases: Set<String> = [
        "resolve", "connect", "tls_handshake", "greeting", "capability", "starttls", "capability_after_tls", "login",
        "select", "fetch", "quota", "logout",
    ]

    private static func split(_ token: String) -> (label: String, value: Double)? {
        guard let match = token.wholeMatch(of: /'((?:[^']|'')+)'=(-?[0-9]+(?:\.[0-9]+)?).*/) else { return nil }
        return (String(match.1).replacingOccurrences(of: "''", with: "'"), Double(String(match.2)) ?? .nan)
    }
}

/// Expectations shared by the command-line tests.
enum Expect {
    /// The summary (before ` | `) matches `pattern` exactly; every perfdata token follows the grammar.
    static func statusLine(
        _ outcome: ImapwatchProcess.Outcome, code: Int32, summary pattern: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> StatusLine {
        #expect(
            outcome.code == code, "exit \(outcome.code), expected \(code); output: \(outcome.everything)",
            sourceLocation: sourceLocation)
        let line = StatusLine(outcome.statusLine)
        let regex = try Regex(pattern)
        #expect(
            line.summary.wholeMatch(of: regex) != nil, "summary \(line.summary.debugDescription) !~ /\(pattern)/",
            sourceLocation: sourceLocation)
        #expect(!line.perfdata.isEmpty, "no perfdata in \(outcome.statusLine)", sourceLocation: sourceLocation)
        for token in line.perfdata {
            #expect(PerfdataGrammar.isValid(token), "bad perfdata token: \(token)", sourceLocation: sourceLocation)
        }
        #expect(outcome.standardError.isEmpty, "stderr: \(outcome.standardError)", sourceLocation: sourceLocation)
        return line
    }

    /// `text` as a regex-safe literal.
    static func literal(_ text: String) -> String {
        text.map { "\\^$.|?*+()[]{}/".contains($0) ? "\\\($0)" : String($0) }.joined()
    }
}

/// Regex pieces for the numbers that vary between runs.
enum Pattern {
    /// `0.041s`: the status line's seconds.
    static let seconds = #"[0-9]+\.[0-9]{3}s"#
    /// `364d` or `-3d`: certificate days.
    static let days = #"-?[0-9]+d"#
    /// `41%` or `0.3%`.
    static let percent = #"[0-9]+(?:\.[0-9])?%"#
}
