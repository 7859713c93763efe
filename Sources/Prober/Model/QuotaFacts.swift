/// One quota root and its resources, converted to base units.
public struct QuotaFacts: Sendable, Hashable {
    /// The root's name as the server spells it (`User quota`, `INBOX`, `""`).
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
