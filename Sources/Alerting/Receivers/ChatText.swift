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
    /// The whole text, cut to at most `limit` UTF-16 code units (the strictest way chat services count) by
    /// dropping whole lines from the end and saying how many were left out.
    static func render(_ notifications: [AlertNotification], limit: Int) -> String {
        let ordered = notifications.sorted(by: order)
        let firing = ordered.filter { $0.status == .firing }.count
        let resolved = ordered.count - firing
        let heading = "imapwatch: " + [firing > 0 ? "\(firing) firing" : nil, resolved > 0 ? "\(resolved) resolved" : nil]
            .compactMap { $0 }.joined(separator: ", ")
        return fit(heading: heading, lines: ordered.map(line), limit: limit)
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
    static func fit(heading: String, lines: [String], limit: Int) -> String {
        var text = cut(heading, to: limit)
        for (index, line) in lines.enumerated() {
            let rest = lines.count - index - 1
            let more = rest > 0 ? "\n… \(rest) more" : ""
            let candidate = text + "\n" + line
            if (candidate + more).utf16.count <= limit {
                text = candidate
                continue
            }
            if index == 0 {
                // The first alert alone is too long: show as much of it as fits rather than none of it.
                let room = limit - (text + "\n" + more).utf16.count
                if room > 1 { return text + "\n" + cut(line, to: room) + more }
            }
            let remaining = lines.count - index
            let tail = "\n… \(remaining) more"
            if (text + tail).utf16.count <= limit { return text + tail }
            return cut(text, to: limit)
        }
        return text
    }

    /// `text` cut to at most `limit` UTF-16 code units on a character boundary, ending with `…` when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var result = ""
        var used = 1  // the ellipsis
        for character in text {
            let size = character.utf16.count
            if used + size > limit { break }
            result.append(character)
            used += size
        }
        return result + "…"
    }
}
