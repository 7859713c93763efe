import COpenSSL

/// Reads OpenSSL's thread-local error queue as text.
enum OpenSSLErrorQueue {
    /// Empties the queue (call before an OpenSSL operation whose errors you will read).
    static func clear() {
        ERR_clear_error()
    }

    /// Every queued error as OpenSSL's one-line text, oldest first, joined by "; "; empties the queue.
    static func drain() -> String? {
        var lines: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            ERR_error_string_n(code, &buffer, buffer.count)
            lines.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }

    /// The queued errors, or `fallback` when the queue is empty.
    static func describe(or fallback: String) -> String {
        drain() ?? fallback
    }
}
