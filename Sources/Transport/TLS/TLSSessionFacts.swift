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
    /// The path verification built, leaf to trust anchor; empty when verification failed.
    public var verifiedChain: [CertificateFacts]

    /// Makes session facts from already-extracted values.
    public init(
        protocolVersion: String,
        cipher: String,
        verification: CertificateVerification,
        leaf: CertificateFacts?,
        presentedChain: [CertificateFacts],
        verifiedChain: [CertificateFacts] = []
    ) {
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.verification = verification
        self.leaf = leaf
        self.presentedChain = presentedChain
        self.verifiedChain = verifiedChain
    }

    /// When the certificate stops working (Unix seconds): the earliest notAfter on the verified path, or, when
    /// verification failed, among the presented certificates.
    ///
    /// An extra certificate the server sends but verification does not use (an expired cross-sign, say) does not
    /// count while a verified path exists: clients do not depend on it.
    public var earliestNotAfter: Int64? {
        let path = verifiedChain.isEmpty ? presentedChain : verifiedChain
        return path.map(\.notAfter).min() ?? leaf?.notAfter
    }

    /// The earliest notAfter among the presented certificates (Unix seconds), used or not.
    public var earliestPresentedNotAfter: Int64? {
        presentedChain.map(\.notAfter).min() ?? leaf?.notAfter
    }
}
