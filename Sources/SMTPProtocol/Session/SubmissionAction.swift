/// What a `SubmissionSession` asks its connection to do next.
public enum SubmissionAction: Sendable {
    /// Write this command, then wait for its reply.
    case send(EncodedSMTPCommand)
    /// Start TLS in place (after STARTTLS's 220; no byte may be buffered behind it), then call `tlsStarted()`.
    case startTLS
    /// The message was accepted and QUIT answered (or not: the message counts as accepted either way).
    case done(SubmissionReceipt)
    /// The session failed; close the connection.
    case fail(SubmissionFailure)
}
