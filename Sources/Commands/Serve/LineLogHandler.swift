import IMAPProtocol
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A swift-log handler writing one line per event, logfmt or JSON, to standard error with a single `write(2)`.
///
/// Keys are the event's metadata sorted by name after `ts`, `level`, `logger` and `msg`. Callers must never put a
/// credential into a message or metadata: this handler does not redact.
struct LineLogHandler: LogHandler {
    var format: LogFormat
    var label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    /// Unix seconds now; injected for tests.
    var clock: @Sendable () -> Double = LineLogHandler.unixTime
    /// Where a finished line goes; standard error by default.
    var sink: @Sendable (String) -> Void = LineLogHandler.writeToStandardError

    init(label: String, format: LogFormat, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        if let error = event.error { merged["error"] = "\(error)" }
        sink(line(level: event.level, message: event.message.description, metadata: merged))
    }

    /// The line for one event, with its trailing newline.
    func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var pairs: [(String, String)] = [
            ("ts", Self.timestamp(clock())), ("level", level.rawValue), ("logger", label), ("msg", message),
        ]
        for key in metadata.keys.sorted() {
            pairs.append((key, Self.text(metadata[key]!)))
        }
        switch format {
        case .logfmt:
            return pairs.map { "\($0.0)=\(Self.logfmtValue($0.1))" }.joined(separator: " ") + "\n"
        case .json:
            return "{" + pairs.map { "\(Self.jsonString($0.0)):\(Self.jsonString($0.1))" }.joined(separator: ",") + "}\n"
        }
    }

    static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(text).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            "{" + dictionary.keys.sorted().map { "\($0)=\(text(dictionary[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// A logfmt value: bare when it has no space, quote, `=` or control character, else quoted with escapes.
    static func logfmtValue(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || !$0.isDisplayable }
        guard needsQuotes else { return value }
        return "\"" + escaped(value) + "\""
    }

    static func jsonString(_ value: String) -> String { "\"" + escaped(value) + "\"" }

    /// `\"`, `\\`, `\n`, `\r`, `\t`, and `\uXXXX` for the other scalars `escapingControlCharacters` escapes (C0
    /// and C1 controls, DEL, separators, bidirectional overrides), in a form both logfmt and JSON read.
    static func escaped(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where !scalar.isDisplayable: out += scalar.jsonEscaped
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// RFC 3339 UTC with milliseconds: `2026-11-27T15:18:37.123Z`.
    static func timestamp(_ seconds: Double) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        let millis = Int((seconds - seconds.rounded(.down)) * 1000)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
            + ".\(pad(millis, 3))Z"
    }

    @Sendable static func unixTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    @Sendable static func writeToStandardError(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
