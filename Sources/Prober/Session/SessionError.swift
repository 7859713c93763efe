import IMAPProtocol
import Transport

/// Why talking IMAP over the connection failed, before the prober assigns it a phase.
enum SessionError: Error, Sendable {
    /// The transport failed (timeout, reset, TLS, injection).
    case transport(TransportError)
    /// The server closed the connection while a response was expected.
    case closed
    /// The server said `BYE` (its text, control characters escaped).
    case bye(String)
    /// The server's bytes broke a framing limit or were not IMAP.
    case malformed(String)
    /// The server answered out of turn (wrong tag, unexpected continuation).
    case unexpected(String)
    /// The command could not be encoded (a user-supplied mailbox name, say).
    case encoding(String)
}

extension SessionError {
    /// The session error for a failed command exchange.
    init(_ error: ExchangeError) {
        switch error {
        case .bye(let text): self = .bye(text)
        case .unexpectedTag(let expected, let received):
            self = .unexpected("a tagged answer for \(received) while waiting for \(expected)")
        case .unexpectedContinuation: self = .unexpected("a continuation request nobody asked for")
        case .tooManySASLRounds(let limit): self = .unexpected("more than \(limit) SASL challenges")
        case .tooManyUntaggedResponses(let limit): self = .malformed("more than \(limit) untagged responses")
        case .misuse(let detail): self = .unexpected("internal: \(detail)")
        }
    }
}
