/// What one delivery attempt came to, and what to do next.
public struct DeliveryResult: Sendable, Equatable {
    /// What to do with the notification after this attempt.
    public enum Verdict: Sendable, Equatable {
        /// A 2xx: done.
        case delivered
        /// Worth another try later: a transport error, a 5xx, 408 or 429; `after` is the receiver's `Retry-After`.
        case retry(after: Duration?)
        /// Another try would fail the same way: any other status, or a URL that cannot be used.
        case rejected
    }

    /// The next step.
    public var verdict: Verdict
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// The first `DeliveryResult.bodyPrefixLimit` bytes of the response body, as text (for the log).
    public var responsePrefix: String
    /// Why the exchange failed below HTTP (connection refused, timeout, TLS), secrets removed; `nil` when a
    /// response arrived.
    public var transportError: String?

    /// How much of a response body is kept.
    public static let bodyPrefixLimit = 512

    /// A result with these parts.
    public init(verdict: Verdict, status: Int?, responsePrefix: String = "", transportError: String? = nil) {
        self.verdict = verdict
        self.status = status
        self.responsePrefix = responsePrefix
        self.transportError = transportError
    }

    /// The verdict for an HTTP `status` with the `Retry-After` header's value.
    static func verdict(status: Int, retryAfter: String?) -> Verdict {
        switch status {
        case 200..<300: .delivered
        case 408, 429, 500..<600: .retry(after: retryAfter.flatMap(parseRetryAfter))
        default: .rejected
        }
    }

    /// `Retry-After` in delay-seconds form (RFC 9110 §10.2.3); the HTTP-date form is not read (`nil`: the
    /// caller's own backoff applies).
    static func parseRetryAfter(_ text: String) -> Duration? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0 >= "0" && $0 <= "9" }), let seconds = Int64(trimmed.prefix(9))
        else { return nil }
        return .seconds(seconds)
    }
}

extension String {
    /// The text without leading and trailing white space (CRLF is one character, and white space too).
    fileprivate var trimmingSpaces: Substring {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}
