/// A byte stream cut in three where the input itself picks (FNV-1a of its bytes), for the framer targets'
/// property that how bytes arrive changes nothing. Over many inputs every boundary (inside a CRLF, a literal, a
/// code) is cut, which feeding one byte at a time checks too, at a cost per byte the fuzzer cannot afford.
public struct StreamCuts {
    /// The two cut points, in order.
    public let points: [Int]
    /// The three pieces, in order; together they are the input.
    public let pieces: [ArraySlice<UInt8>]

    /// The cuts of `bytes`.
    public init(_ bytes: [UInt8]) {
        let hash = bytes.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
        points = [Int(hash % UInt32(bytes.count + 1)), Int((hash >> 16) % UInt32(bytes.count + 1))].sorted()
        pieces = [bytes[..<points[0]], bytes[points[0]..<points[1]], bytes[points[1]...]]
    }
}
