#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Numbers and times as the status page writes them: durations, ages, UTC timestamps, fixed decimals.
enum StatusText {
    /// `value` with exactly `digits` decimals, rounded half away from zero (`fixed(12.3456, 3)` is `12.346`).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = scaled / Int64(scale)
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fraction = String(scaled % Int64(scale))
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// A threshold as configured: `80`, `85.5`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A duration for a person: `0.4 ms`, `12.3 ms`, `2.02 s`.
    static func duration(_ seconds: Double) -> String {
        seconds < 1 ? "\(fixed(seconds * 1000, 1)) ms" : "\(fixed(seconds, 2)) s"
    }

    /// How long ago `then` was at `now` (Unix seconds): `5 s ago`, `3 min ago`, `2 h 5 min ago`, `4 d ago`.
    static func age(of then: Double, now: Double) -> String {
        let seconds = Int(max(0, now - then))
        switch seconds {
        case ..<60: return "\(seconds) s ago"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h \(seconds % 3600 / 60) min ago"
        default: return "\(seconds / 86_400) d ago"
        }
    }

    /// `unixSeconds` as ISO 8601 UTC to the second (`2026-01-01T00:00:00Z`).
    static func timestamp(_ unixSeconds: Double) -> String {
        Date(timeIntervalSince1970: unixSeconds.rounded(.down)).ISO8601Format()
    }
}
