/// The base64 characters that a run of bytes alone decides, wherever it sits in a longer encoded text.
///
/// Base64 turns each 3 bytes into 4 characters of 6 bits. Bytes that start at an offset of 0, 1 or 2 in their
/// group of 3 come out as three different texts; at each offset, the characters whose 6 bits all come from the
/// bytes themselves (not from bytes before or after them) appear in any encoding that contains the bytes there.
enum Base64Cores {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The core at each alignment, those of at least `minimumLength` characters, without duplicates.
    static func cores(of bytes: [UInt8], minimumLength: Int = 4) -> [String] {
        guard !bytes.isEmpty else { return [] }
        var cores: [String] = []
        for offset in 0..<3 {
            let padded = Array(repeating: UInt8(0), count: offset) + bytes + [0, 0]
            let firstBit = 8 * offset
            let endBit = 8 * (offset + bytes.count)
            var core: [UInt8] = []
            var position = (firstBit + 5) / 6  // the first character starting at or after the bytes
            while 6 * position + 6 <= endBit {
                core.append(alphabet[Int(sextet(padded, at: position))])
                position += 1
            }
            let text = String(decoding: core, as: UTF8.self)
            if core.count >= minimumLength, !cores.contains(text) { cores.append(text) }
        }
        return cores
    }

    /// The 6 bits of character `position` in the encoding of `bytes`.
    private static func sextet(_ bytes: [UInt8], at position: Int) -> UInt8 {
        let bit = 6 * position
        let byte = bit / 8
        let shift = bit % 8
        let high = UInt16(bytes[byte]) << 8
        let low = byte + 1 < bytes.count ? UInt16(bytes[byte + 1]) : 0
        return UInt8(((high | low) >> (10 - shift)) & 0x3F)
    }
}
