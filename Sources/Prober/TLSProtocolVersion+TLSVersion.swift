import Config
import Transport

extension TLSProtocolVersion {
    /// The transport's name for a version the configuration names (the two enums have the same four cases:
    /// Config does not depend on Transport).
    public init(_ version: TLSVersion) {
        switch version {
        case .tls1_0: self = .tls1_0
        case .tls1_1: self = .tls1_1
        case .tls1_2: self = .tls1_2
        case .tls1_3: self = .tls1_3
        }
    }
}
