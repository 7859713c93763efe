import SASLEncoding

/// The modified UTF-7 of IMAP4rev1 mailbox names (RFC 3501 §5.1.3).
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    /// Encodes a mailbox name: printable ASCII stays (with `&` as `&-`), everything else becomes `&<base64>-`
    /// of its UTF-16 code units.
    public static func encode(_ name: String) -> String {
        var output: [UInt8] = []
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            output.append(UInt8(ascii: "&"))
            output += Base64.encodeBytes(pending, alphabet: alphabet, padding: false)
            output.append(UInt8(ascii: "-"))
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20, scalar.value <= 0x7E {
                flush()
                output.append(UInt8(scalar.value))
                if scalar == "&" { output.append(UInt8(ascii: "-")) }
            } else {
                for unit in String(scalar).utf16 { pending += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            }
        }
        flush()
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes a modified UTF-7 mailbox name, or returns `nil` if it is malformed.
    public static func decode(_ name: String) -> String? {
        var units: [UInt16] = []
        var bytes = Array(name.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "&") else {
                guard byte >= 0x20, byte <= 0x7E else { return nil }
                units.append(UInt16(byte))
                continue
            }
            guard let end = bytes.firstIndex(of: UInt8(ascii: "-")) else { return nil }
            let encoded = Array(bytes[..<end])
            bytes = bytes[(end + 1)...]
            if encoded.isEmpty {
                units.append(UInt16(ascii: "&"))
                continue
            }
            guard let raw = Base64.decodeBytes(encoded, alphabet: alphabet, padding: false), raw.count % 2 == 0 else {
                return nil
            }
            for pair in stride(from: 0, to: raw.count, by: 2) { units.append(UInt16(raw[pair]) << 8 | UInt16(raw[pair + 1])) }
        }
        var result = ""
        for decoded in UTF16.decode(units) {
            guard let scalar = decoded else { return nil }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}

private extension UInt16 {
    init(ascii: Unicode.Scalar) { self = UInt16(ascii.value) }
}

private extension UTF16 {
    /// Decodes code units to scalars, with `nil` for an invalid sequence.
    static func decode(_ units: [UInt16]) -> [Unicode.Scalar?] {
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var result: [Unicode.Scalar?] = []
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar)
            case .emptyInput: break loop
            case .error: result.append(nil)
            }
        }
        return result
    }
}
