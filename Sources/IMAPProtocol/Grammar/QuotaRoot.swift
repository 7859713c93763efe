/// The quota roots of a mailbox, from an untagged `QUOTAROOT` response.
public struct QuotaRoot: Hashable, Sendable {
    /// The mailbox asked about, as the server spells it.
    public var mailbox: String
    /// The roots that apply to it (possibly none, possibly the empty name).
    public var roots: [String]

    /// Creates a quota-root response.
    public init(mailbox: String, roots: [String]) {
        self.mailbox = mailbox
        self.roots = roots
    }
}

extension QuotaRoot {
    // quotaroot-response = "QUOTAROOT" SP mailbox *(SP quota-root-name)
    // mailbox            = "INBOX" / astring
    /// Reads what follows `QUOTAROOT`; a trailing space is tolerated.
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> QuotaRoot {
        try cursor.expectSpace()
        let mailbox = try cursor.astringText()
        var roots: [String] = []
        while cursor.skip(UInt8(ascii: " ")) {
            if cursor.atEndOfLine { break }
            roots.append(try cursor.astringText())
        }
        return QuotaRoot(mailbox: mailbox, roots: roots)
    }
}
