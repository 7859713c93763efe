/// A conversation over one connection, written as a state machine that the connection drives.
///
/// `TransportConnection.converse(_:)` calls it on the connection's event loop, one call at a time, and does what
/// each call returns; nothing waits between a response and the next command, and no call crosses a thread. The
/// dialogue owns what the bytes mean (framing, parsing, timing); the connection owns the socket, TLS and the
/// deadline.
public protocol ConnectionDialogue: AnyObject {
    /// The first call, once the dialogue is attached to the open connection.
    func begin() -> DialogueAction
    /// Plaintext bytes arrived (decrypted once TLS is on), readable during this call only. They may come while a
    /// handshake runs: keep them.
    func received(_ bytes: UnsafeRawBufferPointer) -> DialogueAction
    /// The bytes of the last `.send` were handed to the socket: go on with what is already received.
    func proceed() -> DialogueAction
    /// The handshake asked for with `.startTLS` finished, with the session's facts or the reason it failed.
    func tlsStarted(_ outcome: Result<TLSSessionFacts, TransportError>) -> DialogueAction
    /// The inbound side ended: `nil` when the peer closed, else the reason (`.timeout` at the deadline, a reset).
    /// No call follows one that returns `.finish`.
    func ended(_ error: TransportError?) -> DialogueAction
}

/// What a `ConnectionDialogue` asks the connection to do next.
public enum DialogueAction {
    /// Nothing until more bytes arrive or the connection ends.
    case wait
    /// Write these bytes (encrypted once TLS is on), then call `proceed()`.
    case send([UInt8])
    /// Start TLS in place with this context, then call `tlsStarted(_:)`. The connection refuses it (the
    /// handshake fails with `.plaintextAfterStartTLS`) if it holds plaintext not yet given to the dialogue.
    case startTLS(TLSClientContext)
    /// Nothing until `until`, then `proceed()` (a poll's next round); bytes that arrive meanwhile are given to
    /// `received(_:)` as usual, and the connection's deadline still ends the dialogue. One pause at a time: a new
    /// one replaces the one still running; finishing cancels it.
    case pause(until: ContinuousClock.Instant)
    /// The dialogue is over: close the connection (TLS close_notify first) and return from `converse(_:)`.
    case finish
}
