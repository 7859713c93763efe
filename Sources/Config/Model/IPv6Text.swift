/// IPv6 addresses as text (RFC 4291 §2.2 to read, RFC 5952 to write), without C: the same text in gives the
/// same eight groups on every platform, and a zone (`%eth0`) or any other byte is refused.
enum IPv6Text {
    /// The eight 16-bit groups of `text`, or nil when it is not an IPv6 address: hexadecimal groups of one to
    /// four digits, at most one `::`, optionally a dotted quad in the last 32 bits.
    static func parse(_ text: ArraySlice<UInt8>) -> [UInt16]? {
        guard text.count >= 2, text.count <= 45 else { return nil }
        let colon = UInt8(ascii: ":")
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var compressed = false
        var rest = text
        if rest.starts(with: [colon, colon]) {
            compressed = true
            rest = rest.dropFirst(2)
            if rest.isEmpty { return Array(repeating: 0, count: 8) }
        } else if rest.first == colon {
            return nil
        }
        while !rest.isEmpty {
            let end = rest.firstIndex(of: colon) ?? rest.endIndex
            let field = rest[..<end]
            let isLast = end == rest.endIndex
            if isLast, field.contains(UInt8(ascii: ".")) {
                guard let quad = dottedQuadGroups(field) else { return nil }
                if compressed { tail += quad } else { head += quad }
                rest = rest[end...]
                break
            }
            guard let group = hexGroup(field) else { return nil }
            if compressed { tail.append(group) } else { head.append(group) }
            rest = rest[end...]
            if rest.isEmpty { break }
            rest = rest.dropFirst()  // the ':'
            if rest.first == colon {
                guard !compressed else { return nil }
                compressed = true
                rest = rest.dropFirst()
            } else if rest.isEmpty {
                return nil  // a single trailing ':'
            }
        }
        let count = head.count + tail.count
        if compressed {
            guard count <= 7 else { return nil }
            return head + Array(repeating: 0, count: 8 - count) + tail
        }
        return count == 8 ? head : nil
    }

    /// The RFC 5952 text of eight groups: lower case, no leading zeros, the first longest run of two or more zero
    /// groups as `::`, and an IPv4-mapped address (`::ffff:0:0/96`) with its dotted quad.
    static func format(_ groups: [UInt16]) -> String {
        if groups.count == 8, groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
            let octets = [groups[6] >> 8, groups[6] & 0xFF, groups[7] >> 8, groups[7] & 0xFF]
            return "::ffff:" + octets.map(String.init).joined(separator: ".")
        }
        var best: Range<Int>?
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < groups.count, groups[end] == 0 { end += 1 }
            if end - index >= 2, end - index > (best?.count ?? 0) { best = index..<end }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let best else { return hex.joined(separator: ":") }
        return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
    }

    private static func hexGroup(_ field: ArraySlice<UInt8>) -> UInt16? {
        guard (1...4).contains(field.count) else { return nil }
        var value: UInt16 = 0
        for byte in field {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func dottedQuadGroups(_ field: ArraySlice<UInt8>) -> [UInt16]? {
        let parts = field.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt16] = []
        for part in parts {
            guard (1...3).contains(part.count), part.count == 1 || part.first != UInt8(ascii: "0"),
                part.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                let value = UInt16(String(decoding: part, as: UTF8.self)), value <= 255
            else { return nil }
            octets.append(value)
        }
        return [octets[0] << 8 | octets[1], octets[2] << 8 | octets[3]]
    }
}
