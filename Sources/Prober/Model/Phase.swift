/// One step of a probe, in the order a probe runs them.
public enum Phase: String, Sendable, Hashable, CaseIterable, Codable {
    case resolve
    case connect
    case tlsHandshake = "tls_handshake"
    case greeting
    case capability
    case starttls
    case login
    case select
    case fetch
    case quota
    case logout
}
