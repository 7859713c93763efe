#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Unix times as ISO 8601 UTC text (`2027-01-31T12:00:00Z`).
enum TimestampText {
    static func iso8601(_ unixSeconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(unixSeconds)).ISO8601Format()
    }
}
