/// What one delivery attempt of a queued notification did, for the log and the metrics.
public struct DeliveryReport: Sendable, Equatable {
    /// What became of the notification.
    public enum Outcome: Sendable, Equatable {
        /// Delivered (2xx) and removed from the queue.
        case delivered
        /// Failed; tried again no earlier than `notBefore` (Unix seconds).
        case willRetry(notBefore: Double)
        /// Refused for good (a 4xx other than 408 and 429, or an unusable URL) and removed from the queue.
        case rejected
    }

    /// The receiver's name.
    public var receiver: String
    /// The notification's place in the queue.
    public var sequence: UInt64
    /// Attempts including this one.
    public var attempt: Int
    /// What became of it.
    public var outcome: Outcome
    /// The attempt's result (status, the answer's first bytes, or the transport error); secrets removed.
    public var result: DeliveryResult
    /// How long the attempt took (zero when nothing was sent: an unknown receiver, an unreadable URL file).
    public var duration: Duration = .zero
}
