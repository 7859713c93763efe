#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON every receiver body is written in: keys sorted (so bodies are stable and testable as exact text),
/// slashes not escaped (URLs stay readable).
enum ReceiverJSON {
    /// `value` as a JSON body; `{}` should encoding ever fail (the bodies are plain strings and numbers).
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }
}
