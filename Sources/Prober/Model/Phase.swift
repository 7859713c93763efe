/// One step of a probe, in the order a probe runs them.
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
    case logout
}
