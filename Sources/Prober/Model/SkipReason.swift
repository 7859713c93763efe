/// Why a phase did not run.
public enum SkipReason: String, Sendable, Hashable, Codable {
    /// The TLS mode has no such step (`tls_handshake` under STARTTLS; `starttls` and `capability_after_tls`
    /// under implicit TLS or none).
    case notApplicable = "not_applicable"
    /// The settings did not ask for it (no credentials, fetch of 0 bytes, quota off).
    case notRequested = "not_requested"
    /// The answer was already known (capabilities in the greeting).
    case alreadyKnown = "already_known"
    /// The server greeted with PREAUTH: the connection is authenticated without a login.
    case alreadyAuthenticated = "already_authenticated"
    /// The mailbox has no message to fetch.
    case emptyMailbox = "empty_mailbox"
    /// The server does not support it (no QUOTA capability).
    case unsupported
    /// An earlier phase failed, so the probe stopped before this one.
    case notReached = "not_reached"
}
