/// The last line of defence: replaces any secret's exact value in text that is about to be printed.
///
/// The prober already redacts transcripts; this catches what slipped through (a server echoing a password, a
/// secret that is also a mailbox name).
public struct SecretScrubber: Sendable {
    private let values: [String]

    /// A scrubber for these secrets; empty secrets are ignored.
    public init(_ secrets: [Secret]) {
        values = secrets.map(\.exposedValue).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// `text` with each secret value replaced by `<redacted>`.
    public func scrub(_ text: String) -> String {
        values.reduce(text) { $0.replacingAll($1, with: "<redacted>") }
    }
}

extension String {
    /// Replaces every non-overlapping occurrence of `target`, compared by Unicode scalars (no Foundation).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        let haystack = Array(unicodeScalars)
        let needle = Array(target.unicodeScalars)
        guard !needle.isEmpty, haystack.count >= needle.count else { return self }
        var output = String.UnicodeScalarView()
        var index = 0
        var replaced = false
        while index < haystack.count {
            if index + needle.count <= haystack.count, haystack[index..<index + needle.count].elementsEqual(needle) {
                output.append(contentsOf: replacement.unicodeScalars)
                index += needle.count
                replaced = true
            } else {
                output.append(haystack[index])
                index += 1
            }
        }
        return replaced ? String(output) : self
    }
}
