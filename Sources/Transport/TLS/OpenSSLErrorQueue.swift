import COpenSSL

/// Reads OpenSSL's thread-local error queue as text.
enum OpenSSLErrorQueue {
    /// Empties the queue (call before an OpenSSL operation whose errors you will read). Nearly always it is
    /// empty already: looking costs OpenSSL a fifth of clearing its sixteen slots, which it does for every read
    /// and write otherwise (5 k instructions a probe).
    static func clear() {
        if ERR_peek_error() != 0 { ERR_clear_error() }
    }

    /// Every queued error, oldest first: its code and OpenSSL's one-line text; empties the queue.
    static func drainEntries() -> [(code: UInt, text: String)] {
        var entries: [(code: UInt, text: String)] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            ERR_error_string_n(code, &buffer, buffer.count)
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            entries.append((code, text))
        }
        return entries
    }

    /// Every queued error as OpenSSL's one-line text, oldest first, joined by "; "; empties the queue.
    static func drain() -> String? {
        let entries = drainEntries()
        return entries.isEmpty ? nil : describe(entries, or: "")
    }

    /// The texts of `entries` (from `drainEntries`) joined by "; ", or `fallback` when there are none.
    static func describe(_ entries: [(code: UInt, text: String)], or fallback: String) -> String {
        entries.isEmpty ? fallback : entries.map(\.text).joined(separator: "; ")
    }

    /// The queued errors, or `fallback` when the queue is empty.
    static func describe(or fallback: String) -> String {
        drain() ?? fallback
    }
}
