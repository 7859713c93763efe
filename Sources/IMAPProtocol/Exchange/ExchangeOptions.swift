/// Limits of one command exchange.
public struct ExchangeOptions: Hashable, Sendable {
    /// The most untagged responses collected before the tagged one; more fails the exchange.
    public var maxUntaggedResponses: Int
    /// The most SASL continuation requests answered in one AUTHENTICATE; more fails the exchange.
    public var maxSASLRounds: Int

    /// Creates options.
    public init(maxUntaggedResponses: Int = 100_000, maxSASLRounds: Int = 4) {
        self.maxUntaggedResponses = maxUntaggedResponses
        self.maxSASLRounds = maxSASLRounds
    }
}
