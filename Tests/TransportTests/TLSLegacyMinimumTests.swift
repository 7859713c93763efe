import TestSupport
import Testing
import Transport

/// A minimum of TLS 1.0 or 1.1 lowers OpenSSL's security level for the handshake only: certificate verification
/// keeps the system's level, so a weak key or a SHA-1 signature is not accepted in silence on any version.
@Suite struct TLSLegacyMinimumTests {
    let pki: TestPKI

    init() async throws {
        pki = try await TestPKI()
    }

    /// A leaf for localhost signed by the test CA, with a key of `newKey` and a signature by `digest`.
    private func weakLeaf(_ name: String, newKey: [String], digest: String) async throws -> (certificate: String, key: String) {
        try await pki.openssl(["req", "-config", "pki.cnf", "-new"] + newKey + [
            "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=localhost",
        ])
        try await pki.openssl([
            "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-\(digest)", "-days", "30",
            "-extfile", "pki.cnf", "-extensions", "leaf_ext", "-out", "\(name).pem",
        ])
        let directory = pki.directory
        return (directory.appendingPathComponent("\(name).pem").path, directory.appendingPathComponent("\(name).key").path)
    }

    /// The session facts of a handshake with s_server (which itself needs level 0 to serve such a certificate).
    private func handshake(
        _ leaf: (certificate: String, key: String), minimum: TLSProtocolVersion, serverOptions: [String] = []
    ) async throws -> TLSSessionFacts {
        let server = try await ServerProcess.openSSLServer(
            certificate: leaf.certificate, key: leaf.key, extra: ["-cipher", "DEFAULT:@SECLEVEL=0"] + serverOptions)
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        let facts: TLSSessionFacts
        do {
            facts = try await connection.startTLS(.forHost("localhost", caFile: pki.caFile, minimumVersion: minimum))
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        return facts
    }

    @Test("tls_min 1.0, TLS 1.3 negotiated, an RSA-768 leaf: verification fails with 'EE certificate key too weak'")
    func weakKeyIsNotVerified() async throws {
        defer { pki.remove() }
        let leaf = try await weakLeaf("rsa768", newKey: ["-newkey", "rsa:768"], digest: "sha256")
        let context = try TLSClientContext(.forHost("localhost", caFile: pki.caFile, minimumVersion: .tls1_0))
        #expect(context.certificateSecurityLevel >= 1)
        for minimum in [TLSProtocolVersion.tls1_0, .tls1_1] {
            let facts = try await handshake(leaf, minimum: minimum)
            #expect(facts.protocolVersion == "TLSv1.3")
            #expect(facts.verification.code == 66, "\(minimum): \(facts.verification)")  // X509_V_ERR_EE_KEY_TOO_SMALL
            #expect(facts.verification.kind == .untrusted)
        }
    }

    @Test("tls_min 1.0, TLS 1.2 negotiated, a leaf signed with SHA-1: verification fails with 'digest too weak'")
    func sha1SignatureIsNotVerified() async throws {
        defer { pki.remove() }
        let leaf = try await weakLeaf(
            "sha1", newKey: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"], digest: "sha1")
        let facts = try await handshake(leaf, minimum: .tls1_0, serverOptions: ["-tls1_2"])
        #expect(facts.protocolVersion == "TLSv1.2")
        #expect(facts.verification.code == 68, "\(facts.verification)")  // X509_V_ERR_CA_MD_TOO_WEAK
    }

    @Test("tls_min 1.0 still reaches a TLS 1.0 server, and a sound certificate still verifies there")
    func soundCertificateOverTLS10StillVerifies() async throws {
        defer { pki.remove() }
        let facts = try await handshake((pki.leafCertificate, pki.leafKey), minimum: .tls1_0, serverOptions: ["-tls1"])
        #expect(facts.protocolVersion == "TLSv1")
        #expect(facts.verification == CertificateVerification(code: 0, reason: "ok"))
    }
}
