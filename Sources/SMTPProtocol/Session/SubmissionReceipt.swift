/// What a successful submission learned.
public struct SubmissionReceipt: Hashable, Sendable {
    /// The extensions of the last EHLO (inside TLS).
    public var extensions: ServerExtensions
    /// The AUTH mechanism used, nil without credentials.
    public var mechanism: String?
    /// The reply that accepted the message, as in "250 2.0.0 Ok: queued as 4ABC".
    public var accepted: SMTPReply
    /// QUIT's reply when it was 221; nil when the server answered otherwise (the message stays accepted).
    public var quit: SMTPReply?
}
