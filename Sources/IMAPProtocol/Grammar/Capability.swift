/// One server capability (an open vocabulary), stored upper-cased so comparison is case-insensitive.
public struct Capability: Hashable, Sendable, CustomStringConvertible {
    /// The capability as an upper-cased atom, e.g. `IMAP4REV1` or `AUTH=PLAIN`.
    public let rawValue: String

    /// Creates a capability from any spelling; `imap4rev1` and `IMAP4rev1` are equal.
    public init(_ name: String) {
        self.rawValue = name.uppercased()
    }

    /// The upper-cased atom.
    public var description: String { rawValue }

    /// `AUTH=<mechanism>`, for example `.auth("plain")` is `AUTH=PLAIN`.
    public static func auth(_ mechanism: String) -> Capability { Capability("AUTH=" + mechanism) }

    /// The SASL mechanism if this is an `AUTH=` capability, upper-cased.
    public var authMechanism: String? {
        guard rawValue.hasPrefix("AUTH=") else { return nil }
        return String(rawValue.dropFirst(5))
    }

    /// RFC 3501.
    public static let imap4rev1 = Capability("IMAP4rev1")
    /// RFC 9051.
    public static let imap4rev2 = Capability("IMAP4rev2")
    /// STARTTLS is offered.
    public static let starttls = Capability("STARTTLS")
    /// LOGIN is refused (usually until TLS).
    public static let loginDisabled = Capability("LOGINDISABLED")
    /// RFC 4959: AUTHENTICATE may carry an initial response.
    public static let saslIR = Capability("SASL-IR")
    /// RFC 7888: non-synchronizing literals of any size.
    public static let literalPlus = Capability("LITERAL+")
    /// RFC 7888: non-synchronizing literals up to 4096 octets.
    public static let literalMinus = Capability("LITERAL-")
    /// RFC 9208 (and RFC 2087) quota.
    public static let quota = Capability("QUOTA")
    /// RFC 2177 IDLE.
    public static let idle = Capability("IDLE")
    /// RFC 5161 ENABLE.
    public static let enable = Capability("ENABLE")
    /// RFC 2971 ID.
    public static let id = Capability("ID")
    /// RFC 2342 NAMESPACE.
    public static let namespace = Capability("NAMESPACE")
    /// RFC 6855: UTF-8 may be enabled with ENABLE.
    public static let utf8Accept = Capability("UTF8=ACCEPT")
    /// RFC 7162 CONDSTORE.
    public static let condstore = Capability("CONDSTORE")
    /// RFC 4315: `UID EXPUNGE` (and UIDs in APPEND and COPY answers); part of IMAP4rev2.
    public static let uidplus = Capability("UIDPLUS")
}

extension Capability {
    // capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev2" *(SP capability)
    // capability      = ("AUTH=" auth-type) / atom
    /// Reads space-separated capabilities up to the end of the line or a `]`; tolerates a trailing space.
    static func parseList(from cursor: inout ByteCursor) throws(ParseError) -> [Capability] {
        var result: [Capability] = []
        while cursor.skip(UInt8(ascii: " ")) {
            guard let byte = cursor.current, ASCII.isAtomChar(byte) else { break }
            result.append(Capability(try cursor.atom()))
        }
        return result
    }
}
