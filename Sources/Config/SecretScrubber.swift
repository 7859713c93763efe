/// Replaces every form of a secret in text by `<redacted>`: the one mechanism behind the prober's redaction of
/// what a server sent back and the last scrub of every output surface (reports, `/probe?debug`, logs, alerts, the
/// status page).
///
/// The forms a secret can come back in are searched for as bytes (UTF-8), not as characters, so a combining mark
/// or a variation selector after an echoed secret does not hide it:
/// - the secret itself, and IMAP-quoted (`\` and `"` escaped);
/// - its base64 at each of the three alignments it can have inside a longer base64 text (an echoed SASL
///   response: `\0user\0password`, `user=…\u{1}auth=Bearer token…`): the run of base64 characters that only
///   the secret's bytes decide, when it is at least 4 characters long;
/// - any extra forms a caller adds (the prober adds how its transcript escapes control bytes).
///
/// Longer forms are replaced first, so no form is left half replaced by a shorter one.
public struct SecretScrubber: Sendable {
    /// The text that replaces a secret.
    public static let replacement = "<redacted>"
    /// The byte patterns, longest first.
    private let patterns: [[UInt8]]
    /// The first byte of every pattern: a byte not in it starts none, and the scan moves on at once.
    private let firstBytes: ByteSet
    /// The shortest pattern's length: no form starts closer than this to a text's end.
    private let shortest: Int

    /// A scrubber for these secrets and `extraForms`; empty ones are ignored.
    public init(_ secrets: [Secret], extraForms: [String] = []) {
        var patterns = Set<[UInt8]>()
        for secret in secrets {
            for form in Self.forms(of: secret.exposedValue) { patterns.insert(Array(form.utf8)) }
        }
        for form in extraForms { patterns.insert(Array(form.utf8)) }
        self.patterns = patterns.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var firstBytes = ByteSet()
        for pattern in self.patterns { firstBytes.insert(pattern[0]) }
        self.firstBytes = firstBytes
        self.shortest = self.patterns.last?.count ?? 0
    }

    /// Whether there is nothing to scrub.
    public var isEmpty: Bool { patterns.isEmpty }

    /// The forms `value` can come back in (see the type's documentation); none for an empty value.
    public static func forms(of value: String) -> [String] {
        guard !value.isEmpty else { return [] }
        let quoted = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return [value, quoted] + Base64Cores.cores(of: Array(value.utf8))
    }

    /// `text` with every form replaced by `<redacted>`.
    public func scrub(_ text: String) -> String {
        scrubbed(text) ?? text
    }

    /// `texts` with every form replaced in each: the same array, not copied, when none holds a form (a server's
    /// capabilities, a certificate's names: scrubbed for every probe, and nearly always clean).
    public func scrub(_ texts: [String]) -> [String] {
        var texts = texts
        for index in texts.indices {
            if let scrubbed = scrubbed(texts[index]) { texts[index] = scrubbed }
        }
        return texts
    }

    /// `text` with every form replaced, or nil when none occurs (the common case, without a copy).
    public func scrubbed(_ text: String) -> String? {
        // Most texts are shorter than any form (a capability) or hold none, and are not copied.
        guard !patterns.isEmpty, text.utf8.count >= shortest else { return nil }
        var text = text
        guard let scrubbed = text.withUTF8({ scrubbed(in: $0) }) else { return nil }
        // Every pattern starts and ends on a scalar boundary of valid UTF-8, so the result is valid UTF-8 too.
        return String(decoding: scrubbed, as: UTF8.self)
    }

    /// `bytes` with every form replaced, or nil when none occurs (the common case, without a copy).
    public func scrubbed(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { scrubbed(in: $0) }
    }

    private func scrubbed(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard !patterns.isEmpty, bytes.count >= shortest else { return nil }
        var output: [UInt8] = []
        var copiedUpTo = 0
        var index = 0
        let lastStart = bytes.count - shortest
        while index <= lastStart {
            guard let length = match(in: bytes, at: index) else {
                index += 1
                continue
            }
            if output.isEmpty { output.reserveCapacity(bytes.count) }
            output.append(contentsOf: bytes[copiedUpTo..<index])
            output.append(contentsOf: Self.replacement.utf8)
            index += length
            copiedUpTo = index
        }
        guard copiedUpTo > 0 else { return nil }
        output.append(contentsOf: bytes[copiedUpTo...])
        return output
    }

    /// The length of the longest form that starts at `index`, if one does.
    private func match(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = bytes[index]
        guard firstBytes.contains(byte) else { return nil }
        let left = bytes.count - index
        let pattern = patterns.first { pattern in
            pattern[0] == byte && pattern.count <= left && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }
        return pattern?.count
    }
}
