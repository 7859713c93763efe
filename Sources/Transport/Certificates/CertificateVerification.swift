/// The outcome of OpenSSL's certificate verification (chain, validity dates, host name).
public struct CertificateVerification: Sendable, Hashable, Codable {
    /// OpenSSL's `X509_V_*` result code; 0 (`X509_V_OK`) means verified.
    public var code: Int32
    /// OpenSSL's text for `code` (`X509_verify_cert_error_string`).
    public var reason: String

    /// Makes a result from an `X509_V_*` code and its text.
    public init(code: Int32, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// Whether the chain, the dates and the host name all verified.
    public var isVerified: Bool { code == 0 }

    /// What kind of failure `code` is, for reason codes.
    public var kind: Kind {
        switch code {
        case 0: .verified
        case 10: .expired  // X509_V_ERR_CERT_HAS_EXPIRED
        case 9: .notYetValid  // X509_V_ERR_CERT_NOT_YET_VALID
        case 62: .hostnameMismatch  // X509_V_ERR_HOSTNAME_MISMATCH
        case 64: .hostnameMismatch  // X509_V_ERR_IP_ADDRESS_MISMATCH
        default: .untrusted
        }
    }

    /// Classes of verification failure a monitor distinguishes.
    public enum Kind: String, Sendable, Hashable, Codable {
        case verified
        case expired
        case notYetValid = "not_yet_valid"
        case hostnameMismatch = "hostname_mismatch"
        case untrusted
    }
}
