#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The user name and password of an `Authorization: Basic …` request header (RFC 7617).
///
/// `description` shows the user only.
struct BasicCredentials: Sendable, CustomStringConvertible {
    /// The user name: the decoded text before the first `:`.
    let user: String
    /// The password: everything after the first `:`.
    let password: String

    /// The credentials in `header`, or `nil` when it is absent, not the Basic scheme, not base64, not UTF-8, or
    /// has no `:`.
    init?(authorization header: String?) {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(Self.trimmingSpacesAndTabs(parts[1]))),
            let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        user = String(text[..<colon])
        password = String(text[text.index(after: colon)...])
    }

    var description: String { "user \(user), password <redacted>" }

    /// `text` without the spaces and tabs (HTTP's optional whitespace) at either end.
    private static func trimmingSpacesAndTabs(_ text: Substring) -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return text[first...last]
    }
}
