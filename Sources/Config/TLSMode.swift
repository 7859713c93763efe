/// How a probe secures its connection.
public enum TLSMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// TLS from the first byte (IMAPS, port 993).
    case implicit
    /// Plaintext greeting, then `STARTTLS` before any credential (port 143).
    case starttls
    /// No TLS at all. Credentials are refused unless plaintext authentication is allowed explicitly.
    case none

    /// The mode a port implies when none is given: 993 is implicit TLS, anything else is STARTTLS.
    public static func `default`(forPort port: Int) -> TLSMode {
        port == 993 ? .implicit : .starttls
    }
}
