#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises and formats numeric IP addresses with `inet_pton`/`inet_ntop`.
enum IPLiteral {
    /// The family of `text` if it is a numeric IPv4 or IPv6 address, else nil (also for text with an embedded
    /// NUL, which `inet_pton` would read only up to the NUL).
    static func family(of text: String) -> ResolvedAddress.Family? {
        guard !text.utf8.contains(0) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return .ipv4 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return .ipv6 }
        return nil
    }

    /// Formats 4 or 16 address octets as text; nil for any other length.
    static func format(_ octets: [UInt8]) -> String? {
        let family: Int32
        switch octets.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok = octets.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &text, socklen_t(text.count)) != nil
        }
        guard ok else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
