/// One quota root and its resources, converted to base units.
public struct QuotaFacts: Sendable, Hashable {
    /// The most roots a probe keeps. GETQUOTAROOT names the roots of one mailbox: one on most servers, two or
    /// three with a domain or shared quota beside the user's. Each kept root can become four series (STORAGE and
    /// MESSAGE usage and limit), so 16 bounds a target at 64 quota series, where one hostile answer of 100,000
    /// roots (the most untagged responses a command collects) would otherwise make 400,000.
    public static let maximumRoots = 16
    /// The most resources a probe keeps per root: RFC 9208 defines four (STORAGE, MESSAGE, MAILBOX,
    /// ANNOTATION-STORAGE); twice that leaves room for a server's own.
    public static let maximumResources = 8

    /// The root's name as the server spells it (`User quota`, `INBOX`, `""`), control characters escaped
    /// (`escapingControlCharacters`), since it is shown and becomes a metric label.
    public var root: String
    /// Every resource the server reported for the root, in its order.
    public var resources: [Resource]

    /// A quota root and its resources.
    public init(root: String, resources: [Resource]) {
        self.root = root
        self.resources = resources
    }

    /// One resource of a root.
    public struct Resource: Sendable, Hashable {
        /// The resource name, upper-case (`STORAGE`, `MESSAGE`, ...).
        public var name: String
        /// Usage in base units: bytes for STORAGE (the server's 1024-octet units × 1024), a count otherwise.
        public var usage: UInt64
        /// Limit in the same units.
        public var limit: UInt64
        /// The unit of `usage` and `limit`.
        public var unit: Unit

        /// A resource in base units.
        public init(name: String, usage: UInt64, limit: UInt64, unit: Unit) {
            self.name = name
            self.usage = usage
            self.limit = limit
            self.unit = unit
        }

        /// Usage as a percentage of the limit, or `nil` when the limit is 0.
        public var percentUsed: Double? {
            limit == 0 ? nil : Double(usage) * 100 / Double(limit)
        }
    }

    /// The unit of a quota resource.
    public enum Unit: String, Sendable, Hashable, Codable {
        case bytes
        case messages
        case count
    }
}
