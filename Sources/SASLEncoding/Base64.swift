/// Standard base64 (RFC 4648 §4, with padding), as SASL over IMAP uses it.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes with padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: encodeBytes(bytes, alphabet: alphabet, padding: true), as: UTF8.self)
    }

    /// Decodes padded base64, or returns `nil` if `text` is not valid base64 (whitespace is not allowed).
    public static func decode(_ text: String) -> [UInt8]? {
        decodeBytes(Array(text.utf8), alphabet: alphabet, padding: true)
    }

    package static func encodeBytes(_ bytes: some Collection<UInt8>, alphabet: [UInt8], padding: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(value >> 18 & 0x3F)])
            output.append(alphabet[Int(value >> 12 & 0x3F)])
            if second != nil { output.append(alphabet[Int(value >> 6 & 0x3F)]) } else if padding { output.append(61) }
            if third != nil { output.append(alphabet[Int(value & 0x3F)]) } else if padding { output.append(61) }
        }
        return output
    }

    package static func decodeBytes(_ input: [UInt8], alphabet: [UInt8], padding: Bool) -> [UInt8]? {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        var body = input[...]
        if padding {
            guard input.count % 4 == 0 else { return nil }
            while body.last == UInt8(ascii: "="), input.count - body.count < 2 { body = body.dropLast() }
        }
        guard body.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in body {
            let value = table[Int(byte)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(accumulator >> UInt32(bits) & 0xFF))
            }
        }
        return output
    }
}
