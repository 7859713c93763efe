/// The resources of one quota root, from an untagged `QUOTA` response.
public struct Quota: Hashable, Sendable {
    /// The root's name as the server spells it (`User quota`, `INBOX`, or empty).
    public var root: String
    /// The resources with their usage and limits, in the order sent.
    public var resources: [QuotaResource]

    /// Creates a quota.
    public init(root: String, resources: [QuotaResource]) {
        self.root = root
        self.resources = resources
    }
}

extension Quota {
    // quota-response = "QUOTA" SP quota-root-name SP quota-list
    // quota-root-name = astring
    // quota-list      = "(" quota-resource *(SP quota-resource) ")"
    /// Reads what follows `QUOTA`; an empty list is tolerated.
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> Quota {
        try cursor.expectSpace()
        let root = try cursor.astringText()
        try cursor.expectSpace()
        try cursor.expect(UInt8(ascii: "("), "(")
        var resources: [QuotaResource] = []
        while !cursor.skip(UInt8(ascii: ")")) {
            if !resources.isEmpty { try cursor.expectSpace() }
            resources.append(try QuotaResource.parse(from: &cursor))
        }
        return Quota(root: root, resources: resources)
    }
}
