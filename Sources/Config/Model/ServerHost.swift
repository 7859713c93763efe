/// The host of a server, or the name a TLS certificate must carry: a DNS name, an IPv4 address or an IPv6
/// address, checked once where the text comes in (`host:`, `sni:`, `-H`, `--sni`, `/probe?target=`).
///
/// Only what every C library reads the same way is accepted, so the name that an allow-list compares is the one
/// the resolver, SNI and the certificate check see:
/// - a DNS name of RFC 1123 labels (letters, digits, `-`; 1–63 octets each, 253 in all), folded to lower case;
///   one trailing dot is removed (`mail.example.org.` is `mail.example.org`, as SNI and certificates spell it);
///   an internationalised name is written in its `xn--` form; a name whose labels are all numbers
///   (`2130706433`, `0x7f.1`, `a.123`) is refused, since `getaddrinfo` reads such text as an address;
/// - an IPv4 address as a dotted quad (`192.0.2.1`; no leading zeros, no shortened forms);
/// - an IPv6 address, bare or in brackets (`::1`, `[::1]`), kept in its RFC 5952 form; no zone (`%eth0`).
///
/// Everything else (NUL and other control bytes, spaces, `%`, `#`, `?`, `/`, `\`, `@`, `_`, `:` outside an IPv6
/// address, non-ASCII text) is refused with the reason.
public struct ServerHost: Sendable, Hashable, CustomStringConvertible {
    /// What a host is.
    public enum Kind: Sendable, Hashable {
        case name
        case ipv4
        case ipv6
    }

    /// Why a text is not a host; `message` quotes the text with control characters escaped.
    public struct Invalid: Error, Equatable, Sendable {
        /// The whole sentence: `'mail%.example.org' is not a host name or address: '%' is not allowed in a name`.
        public var message: String
        /// The reason alone, without the quoted text.
        public var reason: String

        /// An error with this sentence and this reason.
        public init(message: String, reason: String) {
            self.message = message
            self.reason = reason
        }
    }

    /// Whether this is a name or an address.
    public let kind: Kind
    /// The canonical text: a lower-case name without a trailing dot, a dotted quad, or an IPv6 address in its
    /// RFC 5952 form without brackets. This is what is resolved, sent as SNI and matched against a certificate.
    public let text: String

    /// The canonical text.
    public var description: String { text }

    /// The text as it goes in front of `:port`: an IPv6 address in brackets, anything else as it is.
    public var textBeforePort: String { kind == .ipv6 ? "[\(text)]" : text }

    /// Whether this is an IPv4 or IPv6 address rather than a name.
    public var isAddress: Bool { kind != .name }

    /// The host `input` names, or why it names none.
    public init(parsing input: String) throws(Invalid) {
        let bytes = Array(input.utf8)
        let invalid = { (reason: String) in Invalid(message: "\(Self.quoted(input)) is not a host name or address: \(reason)", reason: reason) }
        if let problem = Self.byteProblem(bytes) { throw invalid(problem) }
        if bytes.first == UInt8(ascii: "[") {
            guard bytes.last == UInt8(ascii: "]") else {
                throw invalid("an IPv6 address in brackets needs its closing ]")
            }
            guard let groups = IPv6Text.parse(bytes.dropFirst().dropLast()) else {
                throw invalid(Self.zoneProblem(bytes) ?? "the text in brackets is not an IPv6 address")
            }
            self.init(kind: .ipv6, text: IPv6Text.format(groups))
        } else if bytes.contains(UInt8(ascii: ":")) {
            guard let groups = IPv6Text.parse(bytes[...]) else {
                throw invalid(
                    Self.zoneProblem(bytes) ?? "':' is allowed only in an IPv6 address (give a port as a port of its own)")
            }
            self.init(kind: .ipv6, text: IPv6Text.format(groups))
        } else if bytes.allSatisfy({ Self.isDigit($0) || $0 == UInt8(ascii: ".") }) {
            guard let text = Self.dottedQuad(bytes) else {
                throw invalid("an IPv4 address is four numbers from 0 to 255 without leading zeros, separated by dots")
            }
            self.init(kind: .ipv4, text: text)
        } else {
            do throws(NameProblem) {
                self.init(kind: .name, text: try Self.name(bytes))
            } catch {
                throw invalid(error.reason)
            }
        }
    }

    /// `host.invalid`, a name of the domain RFC 2606 reserves so that it never resolves: the stand-in host of a
    /// module rendered without a target.
    static let reservedInvalid = ServerHost(kind: .name, text: "host.invalid")

    private init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// `text` in single quotes, cut at 100 characters, with control characters and non-ASCII shown as `\u{..}`,
    /// for messages about text that came from outside.
    public static func quoted(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars.prefix(100) {
            if scalar.value < 0x20 || scalar.value == 0x7F || !scalar.isASCII {
                shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return "'\(shown)\(text.unicodeScalars.count > 100 ? "…" : "")'"
    }

    // MARK: - The rules

    /// The first byte no host may contain, in words; nil when every byte is printable ASCII other than a space.
    private static func byteProblem(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "it is empty" }
        for byte in bytes {
            switch byte {
            case 0: return "it contains a NUL byte"
            case 0x01..<0x20, 0x7F: return "it contains a control character (\\u{\(String(byte, radix: 16, uppercase: true))})"
            case UInt8(ascii: " "): return "it contains a space"
            case 0x80...: return "it contains non-ASCII text (write an internationalised name in its xn-- form)"
            default: continue
            }
        }
        return nil
    }

    /// The reason for an IPv6 address with a zone (`fe80::1%eth0`), which names an interface of this machine.
    private static func zoneProblem(_ bytes: [UInt8]) -> String? {
        bytes.contains(UInt8(ascii: "%")) ? "an IPv6 zone (%interface) is not supported" : nil
    }

    private struct NameProblem: Error {
        var reason: String
    }

    /// A DNS name of RFC 1123 labels, lower-cased, without its one trailing dot.
    private static func name(_ input: [UInt8]) throws(NameProblem) -> String {
        var bytes = input[...]
        if bytes.count > 1, bytes.last == UInt8(ascii: ".") { bytes = bytes.dropLast() }
        guard bytes.count <= 253 else { throw NameProblem(reason: "a name is at most 253 characters") }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty else { throw NameProblem(reason: "a name has no empty labels (no '..', no leading dot)") }
            guard label.count <= 63 else { throw NameProblem(reason: "a label of a name is at most 63 characters") }
            if let bad = label.first(where: { !isLetter($0) && !isDigit($0) && $0 != UInt8(ascii: "-") }) {
                throw NameProblem(reason: "'\(Character(Unicode.Scalar(bad)))' is not allowed in a name (letters, digits, '-' and '.')")
            }
            guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                throw NameProblem(reason: "a label of a name neither starts nor ends with '-'")
            }
        }
        if labels.allSatisfy(isNumberLabel) {
            throw NameProblem(reason: "this is a number the resolver would read as an IPv4 address; write the dotted quad")
        }
        if let last = labels.last, last.allSatisfy(isDigit) {
            throw NameProblem(reason: "the last label of a name is not all digits")
        }
        return String(decoding: bytes.map(lowercased), as: UTF8.self)
    }

    /// `bytes` as a canonical dotted quad, or nil.
    private static func dottedQuad(_ bytes: [UInt8]) -> String? {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        for part in parts {
            guard (1...3).contains(part.count), part.count == 1 || part.first != UInt8(ascii: "0"),
                let value = Int(String(decoding: part, as: UTF8.self)), value <= 255
            else { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A label `inet_aton` reads as a number: decimal, octal or `0x` hexadecimal.
    private static func isNumberLabel(_ label: ArraySlice<UInt8>) -> Bool {
        if label.allSatisfy(isDigit) { return true }
        let lower = label.map(lowercased)
        guard lower.count >= 2, lower[0] == UInt8(ascii: "0"), lower[1] == UInt8(ascii: "x") else { return false }
        return lower.dropFirst(2).allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
