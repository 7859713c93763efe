/// Why a command exchange failed without a tagged response for it.
public enum ExchangeError: Error, Hashable, Sendable {
    /// The server sent `* BYE` before completing the command (its text, control characters escaped).
    case bye(String)
    /// A tagged response carried another tag.
    case unexpectedTag(expected: String, received: String)
    /// A continuation request arrived when no literal or SASL response was pending.
    case unexpectedContinuation
    /// More than `ExchangeOptions.maxSASLRounds` SASL challenges.
    case tooManySASLRounds(limit: Int)
    /// More than `ExchangeOptions.maxUntaggedResponses` untagged responses.
    case tooManyUntaggedResponses(limit: Int)
    /// `receive` or `start` was called in the wrong state (a caller bug).
    case misuse(String)
}
