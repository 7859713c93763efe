import Testing
import Transport

/// Which certificate dates count for expiry.
@Suite("TLS session facts")
struct SessionFactsTests {
    static func certificate(_ name: String, notAfter: Int64) -> CertificateFacts {
        CertificateFacts(
            subject: "CN=\(name)", issuer: "CN=issuer", subjectAlternativeNames: [], notBefore: 0, notAfter: notAfter,
            sha256Fingerprint: "00")
    }

    @Test("an expired extra certificate the verified path does not use does not count")
    func verifiedPathWins() {
        let leaf = Self.certificate("leaf", notAfter: 2_000)
        let expiredCrossSign = Self.certificate("old cross-sign", notAfter: 100)
        let root = Self.certificate("root", notAfter: 3_000)
        let facts = TLSSessionFacts(
            protocolVersion: "TLSv1.3", cipher: "x", verification: CertificateVerification(code: 0, reason: "ok"),
            leaf: leaf, presentedChain: [leaf, expiredCrossSign], verifiedChain: [leaf, root])
        #expect(facts.earliestNotAfter == 2_000)
        #expect(facts.earliestPresentedNotAfter == 100)
    }

    @Test("without a verified path the presented chain counts")
    func presentedChainWithoutVerification() {
        let leaf = Self.certificate("leaf", notAfter: 2_000)
        let intermediate = Self.certificate("intermediate", notAfter: 1_500)
        let facts = TLSSessionFacts(
            protocolVersion: "TLSv1.3", cipher: "x", verification: CertificateVerification(code: 20, reason: "no"),
            leaf: leaf, presentedChain: [leaf, intermediate])
        #expect(facts.earliestNotAfter == 1_500)
    }
}
