#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The plain text a chat receiver shows for a group of notifications: a heading, then one line per alert,
/// firing ones first, most severe first.
///
/// ```
/// imapwatch: 1 firing, 1 resolved
/// [CRITICAL] mail-a probe_failing: login failed: auth_failed (Authentication failed.) (since 2026-11-27T15:23:48Z)
/// [RESOLVED] mail-b certificate_expiring: certificate expires in 12 days (was WARNING since 2026-11-20T08:00:00Z)
/// ```
enum ChatText {
    /// How a service counts the length of a message.
    enum Measure: Sendable {
        /// UTF-16 code units, the strictest way chat services count characters.
        case utf16
        /// UTF-8 bytes, for limits given in bytes (ntfy).
        case utf8

        func length(_ text: some StringProtocol) -> Int {
            switch self {
            case .utf16: text.utf16.count
            case .utf8: text.utf8.count
            }
        }
    }

    /// The whole text, cut to at most `limit` (UTF-16 code units by default, the strictest way chat services
    /// count) by dropping whole lines from the end and saying how many were left out.
    static func render(_ notifications: [AlertNotification], limit: Int, measure: Measure = .utf16) -> String {
        let (heading, lines) = parts(notifications)
        return fit(heading: heading, lines: lines, limit: limit, measure: measure)
    }

    /// The heading (`imapwatch: 1 firing, 1 resolved`) and one line per alert, in order.
    static func parts(_ notifications: [AlertNotification]) -> (heading: String, lines: [String]) {
        ("imapwatch: " + tally(notifications), notifications.sorted(by: order).map(line))
    }

    /// How many fire and how many resolved, leaving out a zero count: `2 firing, 1 resolved`, `1 resolved`.
    static func tally(_ notifications: [AlertNotification]) -> String {
        let firing = notifications.filter { $0.status == .firing }.count
        let resolved = notifications.count - firing
        return [firing > 0 ? "\(firing) firing" : nil, resolved > 0 ? "\(resolved) resolved" : nil]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// One alert's line.
    static func line(_ notification: AlertNotification) -> String {
        let since = Date(timeIntervalSince1970: notification.since).ISO8601Format()
        let what = "\(notification.target) \(notification.condition): \(notification.summary)"
        switch notification.status {
        case .firing: return "[\(notification.level.rawValue.uppercased())] \(what) (since \(since))"
        case .resolved: return "[RESOLVED] \(what) (was \(notification.level.rawValue.uppercased()) since \(since))"
        }
    }

    /// Firing before resolved, critical before warning, then by target and condition.
    private static func order(_ a: AlertNotification, _ b: AlertNotification) -> Bool {
        if a.status != b.status { return a.status == .firing }
        if a.level != b.level { return a.level > b.level }
        return (a.target, a.condition) < (b.target, b.condition)
    }

    /// `heading` and as many `lines` as fit in `limit`, then `… N more` for the rest; a first line too long on
    /// its own is cut to what fits and ends with `…`.
    static func fit(heading: String, lines: [String], limit: Int, measure: Measure = .utf16) -> String {
        var text = cut(heading, to: limit, measure: measure)
        for (index, line) in lines.enumerated() {
            let rest = lines.count - index - 1
            let more = rest > 0 ? "\n… \(rest) more" : ""
            let candidate = text + "\n" + line
            if measure.length(candidate + more) <= limit {
                text = candidate
                continue
            }
            if index == 0 {
                // The first alert alone is too long: show as much of it as fits rather than none of it.
                let room = limit - measure.length(text + "\n" + more)
                if room > measure.length("…") { return text + "\n" + cut(line, to: room, measure: measure) + more }
            }
            let remaining = lines.count - index
            let tail = "\n… \(remaining) more"
            if measure.length(text + tail) <= limit { return text + tail }
            return cut(text, to: limit, measure: measure)
        }
        return text
    }

    /// `text` cut to at most `limit` (as `measure` counts) on a character boundary, ending with `…` when cut.
    static func cut(_ text: String, to limit: Int, measure: Measure = .utf16) -> String {
        guard measure.length(text) > limit else { return text }
        var result = ""
        var used = measure.length("…")
        for character in text {
            let size = measure.length(String(character))
            if used + size > limit { break }
            result.append(character)
            used += size
        }
        return result + "…"
    }
}
