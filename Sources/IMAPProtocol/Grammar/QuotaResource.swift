/// One resource of a quota root: its name, usage and limit as the server reports them.
///
/// STORAGE is in the server's units of 1024 octets here; converting to bytes is the caller's job.
public struct QuotaResource: Hashable, Sendable {
    /// The resource name, upper-cased: `STORAGE`, `MESSAGE`, `MAILBOX`, `ANNOTATION-STORAGE` or another atom.
    public var name: String
    /// Current usage.
    public var usage: UInt64
    /// The limit.
    public var limit: UInt64

    /// Creates a resource; the name is upper-cased.
    public init(name: String, usage: UInt64, limit: UInt64) {
        self.name = name.uppercased()
        self.usage = usage
        self.limit = limit
    }

    /// The name of the storage resource, counted in units of 1024 octets.
    public static let storage = "STORAGE"
    /// The name of the message-count resource.
    public static let message = "MESSAGE"
    /// The name of the mailbox-count resource.
    public static let mailbox = "MAILBOX"
    /// The name of the annotation-storage resource, in units of 1024 octets.
    public static let annotationStorage = "ANNOTATION-STORAGE"
}

extension QuotaResource {
    // quota-resource = resource-name SP resource-usage SP resource-limit
    // resource-name  = "STORAGE" / "MESSAGE" / "MAILBOX" / "ANNOTATION-STORAGE" / resource-name-ext
    // resource-usage = number64
    // resource-limit = number64
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> QuotaResource {
        let name = try cursor.atom()
        try cursor.expectSpace()
        let usage: UInt64 = try cursor.number()
        try cursor.expectSpace()
        let limit: UInt64 = try cursor.number()
        return QuotaResource(name: name, usage: usage, limit: limit)
    }
}
