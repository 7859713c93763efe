/// A TLS protocol version, for the minimum a probe accepts.
public enum TLSVersion: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case tls1_0 = "1.0"
    case tls1_1 = "1.1"
    case tls1_2 = "1.2"
    case tls1_3 = "1.3"

    private var rank: Int {
        switch self {
        case .tls1_0: 0
        case .tls1_1: 1
        case .tls1_2: 2
        case .tls1_3: 3
        }
    }

    public static func < (lhs: TLSVersion, rhs: TLSVersion) -> Bool { lhs.rank < rhs.rank }
}
