import COpenSSL

/// A TLS protocol version a client may require as its minimum.
public enum TLSProtocolVersion: String, Sendable, Hashable, CaseIterable, Codable {
    /// TLS 1.0 (its handshake needs OpenSSL security level 0 on OpenSSL 3; set automatically, while certificate
    /// verification keeps the system's level).
    case tls1_0 = "1.0"
    /// TLS 1.1 (as TLS 1.0).
    case tls1_1 = "1.1"
    /// TLS 1.2.
    case tls1_2 = "1.2"
    /// TLS 1.3.
    case tls1_3 = "1.3"

    /// OpenSSL's protocol number (`TLS1_2_VERSION`, ...).
    var openSSLValue: Int32 {
        switch self {
        case .tls1_0: Int32(TLS1_VERSION)
        case .tls1_1: Int32(TLS1_1_VERSION)
        case .tls1_2: Int32(TLS1_2_VERSION)
        case .tls1_3: Int32(TLS1_3_VERSION)
        }
    }

    /// Whether OpenSSL 3's default security level would refuse this version.
    var needsLegacySecurityLevel: Bool { self == .tls1_0 || self == .tls1_1 }
}
