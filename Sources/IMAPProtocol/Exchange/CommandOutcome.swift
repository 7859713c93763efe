/// A completed command: its tagged response and the untagged responses that arrived while it ran.
public struct CommandOutcome: Hashable, Sendable {
    /// The tagged OK, NO or BAD.
    public var tagged: TaggedResponse
    /// Untagged responses in arrival order.
    public var untagged: [UntaggedResponse]

    /// Creates an outcome.
    public init(tagged: TaggedResponse, untagged: [UntaggedResponse]) {
        self.tagged = tagged
        self.untagged = untagged
    }

    /// Whether the command succeeded (tagged OK).
    public var isOK: Bool { tagged.status.condition == .ok }
}
