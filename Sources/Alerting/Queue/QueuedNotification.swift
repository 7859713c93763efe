/// One notification waiting for delivery, as it is kept on disk: which receiver, the body, and the attempts so
/// far. Never the receiver's URL or headers (secrets): those are read from their files at each attempt.
public struct QueuedNotification: Sendable, Hashable, Codable {
    /// Orders the queue; assigned by `DurableQueue.append`.
    public var sequence: UInt64
    /// The receiver's name in the configuration.
    public var receiver: String
    /// The request body, ready to send.
    public var body: [UInt8]
    /// Failed attempts so far.
    public var attempts: Int
    /// The earliest time of the next attempt, Unix seconds.
    public var notBefore: Double

    /// A notification for `receiver` with `body`, never tried.
    public init(receiver: String, body: [UInt8], notBefore: Double = 0) {
        self.sequence = 0
        self.receiver = receiver
        self.body = body
        self.attempts = 0
        self.notBefore = notBefore
    }
}
