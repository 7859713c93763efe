/// One step of a probe, in the order a probe runs them; a probe of an IMAP server runs `probe`, the mail-flow
/// loop's mailbox session runs `mailbox`.
public enum Phase: String, Sendable, Hashable, CaseIterable, Codable {
    case resolve
    case connect
    case tlsHandshake = "tls_handshake"
    case greeting
    case capability
    case starttls
    /// The CAPABILITY asked again once STARTTLS has put TLS in place (RFC 9051 §6.2.1); STARTTLS only.
    case capabilityAfterTLS = "capability_after_tls"
    case login
    case select
    case fetch
    case quota
    /// The mail-flow loop: from the submission server's acceptance until the message is found in the mailbox.
    case delivery
    /// The mail-flow loop: the loop's own messages (and those a crashed run left) deleted by UID.
    case cleanup
    case logout

    /// The phases of a probe of an IMAP server, in order: every phase but the loop's.
    public static let probe: [Phase] = [
        .resolve, .connect, .tlsHandshake, .greeting, .capability, .starttls, .capabilityAfterTLS, .login, .select,
        .fetch, .quota, .logout,
    ]

    /// The phases of the mail-flow loop's mailbox session, in order: the probe's up to login, then the search for
    /// the message and the clean-up.
    public static let mailbox: [Phase] = [
        .resolve, .connect, .tlsHandshake, .greeting, .capability, .starttls, .capabilityAfterTLS, .login, .delivery,
        .cleanup, .logout,
    ]
}
