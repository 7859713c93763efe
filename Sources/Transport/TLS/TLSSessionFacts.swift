/// What a completed TLS handshake established.
public struct TLSSessionFacts: Sendable, Hashable, Codable {
    /// The negotiated protocol, as OpenSSL names it (`TLSv1.3`).
    public var protocolVersion: String
    /// The negotiated cipher suite, as OpenSSL names it (`TLS_AES_256_GCM_SHA384`).
    public var cipher: String
    /// The verification result, computed even when the probe does not enforce it.
    public var verification: CertificateVerification
    /// The server's leaf certificate, if it sent one.
    public var leaf: CertificateFacts?
    /// Every certificate the server presented, leaf first.
    public var presentedChain: [CertificateFacts]

    /// Makes session facts from already-extracted values.
    public init(
        protocolVersion: String,
        cipher: String,
        verification: CertificateVerification,
        leaf: CertificateFacts?,
        presentedChain: [CertificateFacts]
    ) {
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.verification = verification
        self.leaf = leaf
        self.presentedChain = presentedChain
    }

    /// The earliest notAfter among the presented certificates (Unix seconds).
    public var earliestNotAfter: Int64? {
        presentedChain.map(\.notAfter).min() ?? leaf?.notAfter
    }
}
