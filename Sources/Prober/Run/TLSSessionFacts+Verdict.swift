import Transport

extension TLSSessionFacts {
    /// The transcript's line for a finished handshake: version, cipher, and the certificate's verdict.
    var handshakeNote: String {
        let verdict = verification.isVerified ? "verified" : "NOT verified: \(verification.reason)"
        return "TLS \(protocolVersion) \(cipher), certificate \(verdict)"
    }

    /// Why a probe that is not insecure stops after this handshake (the certificate failed verification), or nil.
    /// The IMAP probe and the mail-flow probe's submission judge a handshake by this.
    var verificationFailure: (code: ProbeFailure.Code, message: String)? {
        guard !verification.isVerified else { return nil }
        return (ProbeFailure.Code(verification.kind), "certificate verification failed: \(verification.reason)")
    }
}
