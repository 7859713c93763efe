import TestSupport
import Testing
import Transport

/// Implicit TLS against `openssl s_server`: verification results, certificate facts, version limits.
@Suite struct TLSHandshakeTests {
    let pki: TestPKI

    init() async throws {
        pki = try await TestPKI()
    }

    /// Starts s_server with `certificate`, connects, runs the handshake, and stops the server.
    private func handshake(
        certificate: String,
        key: String,
        configuration: TLSClientConfiguration,
        serverOptions: [String] = [],
        exchange: ((TransportConnection) async throws -> Void)? = nil
    ) async throws -> TLSSessionFacts {
        let server = try await ServerProcess.openSSLServer(certificate: certificate, key: key, extra: serverOptions)
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        do {
            let facts = try await connection.startTLS(configuration)
            try await exchange?(connection)
            await connection.close()
            return facts
        } catch {
            await connection.close()
            throw error
        }
    }

    @Test func trustedLeafVerifiesAndReportsItsFacts() async throws {
        defer { pki.remove() }
        let facts = try await handshake(
            certificate: pki.leafCertificate, key: pki.leafKey,
            configuration: .forHost("localhost", caFile: pki.caFile)
        ) { connection in
            try await connection.write(Array("hello imap\n".utf8))
            #expect(try await TestHelpers.readLine(connection) == "pami olleh\n")
        }
        #expect(facts.verification == CertificateVerification(code: 0, reason: "ok"))
        #expect(facts.verification.kind == .verified)
        #expect(facts.protocolVersion == "TLSv1.3")
        #expect(facts.cipher.hasPrefix("TLS_"))

        let expected = try await pki.opensslFacts(of: pki.leafCertificate)
        let leaf = try #require(facts.leaf)
        #expect(leaf.subject == expected.subject)
        #expect(leaf.subject.contains("CN=localhost"))
        #expect(leaf.issuer == expected.issuer)
        #expect(leaf.issuer == "CN=imapwatch Test CA")
        #expect(leaf.subjectAlternativeNames == ["localhost", "127.0.0.1"])
        #expect(leaf.notAfter == expected.notAfter)
        #expect(leaf.notBefore < leaf.notAfter)
        #expect(leaf.sha256Fingerprint == expected.fingerprint)
        #expect(facts.presentedChain.first == leaf)
        // Verified path: the leaf, then the test CA from the CA file; expiry counts the earlier of the two.
        #expect(facts.verifiedChain.map(\.subject) == [leaf.subject, "CN=imapwatch Test CA"])
        let ca = try await pki.opensslFacts(of: pki.caFile)
        #expect(facts.earliestNotAfter == min(expected.notAfter, ca.notAfter))
        #expect(facts.earliestPresentedNotAfter == expected.notAfter)
    }

    @Test func withoutTheCAFileTheLeafIsUntrusted() async throws {
        defer { pki.remove() }
        let facts = try await handshake(
            certificate: pki.leafCertificate, key: pki.leafKey, configuration: .forHost("localhost"))
        #expect(facts.verification.kind == .untrusted)
        #expect([20, 21].contains(facts.verification.code))  // unable to get local issuer / verify the first cert
        #expect(facts.verification.reason.contains("unable to"))
        #expect(facts.leaf != nil)
    }

    @Test func expiredLeafIsReportedAsExpired() async throws {
        defer { pki.remove() }
        let facts = try await handshake(
            certificate: pki.expiredCertificate, key: pki.expiredKey,
            configuration: .forHost("localhost", caFile: pki.caFile))
        #expect(facts.verification.code == 10)
        #expect(facts.verification.kind == .expired)
        #expect(facts.verification.reason == "certificate has expired")
        #expect(facts.leaf?.notAfter == 1_580_515_200)  // 2020-02-01T00:00:00Z
        #expect(facts.leaf?.notBefore == 1_577_836_800)  // 2020-01-01T00:00:00Z
    }

    @Test func wrongHostNameIsAMismatch() async throws {
        defer { pki.remove() }
        let facts = try await handshake(
            certificate: pki.leafCertificate, key: pki.leafKey,
            configuration: TLSClientConfiguration(
                serverName: "localhost", verifyHostname: "imap.example.org", caFile: pki.caFile))
        #expect(facts.verification.code == 62)
        #expect(facts.verification.kind == .hostnameMismatch)
        #expect(facts.verification.reason == "hostname mismatch")
    }

    @Test func ipAddressIsVerifiedAgainstIPSubjectAltNames() async throws {
        defer { pki.remove() }
        let matching = try await handshake(
            certificate: pki.leafCertificate, key: pki.leafKey,
            configuration: .forHost("127.0.0.1", caFile: pki.caFile))
        #expect(matching.verification.code == 0)
        let mismatching = try await handshake(
            certificate: pki.leafCertificate, key: pki.leafKey,
            configuration: .forHost("127.0.0.2", caFile: pki.caFile))
        #expect(mismatching.verification.code == 64)
        #expect(mismatching.verification.kind == .hostnameMismatch)
    }

    /// C reads a name only up to a NUL, so `localhost\0.example.org` would be sent and checked as `localhost`;
    /// and an empty name would skip the name check. Both are refused before the handshake.
    @Test(arguments: [
        TLSClientConfiguration.forHost("localhost\u{0}.example.org"),
        TLSClientConfiguration(serverName: "imap.example.org", verifyHostname: "localhost\u{0}.example.org"),
        TLSClientConfiguration(serverName: "localhost\u{0}.example.org", verifyHostname: "localhost"),
        TLSClientConfiguration.forHost(""),
        TLSClientConfiguration(serverName: "localhost", verifyHostname: ""),
    ])
    func anEmptyNameOrANameWithANULIsRefusedNotTruncated(configuration: TLSClientConfiguration) async throws {
        defer { pki.remove() }
        var withCA = configuration
        withCA.caFile = pki.caFile
        await #expect {
            _ = try await handshake(certificate: pki.leafCertificate, key: pki.leafKey, configuration: withCA)
        } throws: { error in
            (error as? TransportError)?.code == .tlsConfigurationInvalid
        }
    }

    @Test func selfSignedLeafIsUntrusted() async throws {
        defer { pki.remove() }
        let facts = try await handshake(
            certificate: pki.selfSignedCertificate, key: pki.selfSignedKey,
            configuration: .forHost("localhost", caFile: pki.caFile))
        #expect(facts.verification.code == 18)
        #expect(facts.verification.kind == .untrusted)
        #expect(facts.leaf?.subject == facts.leaf?.issuer)
    }

    @Test func minimumTLS13AgainstATLS12ServerFailsWithTheAlert() async throws {
        defer { pki.remove() }
        await #expect {
            _ = try await handshake(
                certificate: pki.leafCertificate, key: pki.leafKey,
                configuration: .forHost("localhost", caFile: pki.caFile, minimumVersion: .tls1_3),
                serverOptions: ["-tls1_2"])
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.code == .tlsHandshakeFailed && error.message.contains("SSL routines")
                && error.message.contains("alert received: protocol version")
        }
    }

    @Test func tls12ServerNegotiatesTLS12() async throws {
        defer { pki.remove() }
        let facts = try await handshake(
            certificate: pki.leafCertificate, key: pki.leafKey,
            configuration: .forHost("localhost", caFile: pki.caFile), serverOptions: ["-tls1_2"])
        #expect(facts.protocolVersion == "TLSv1.2")
        #expect(facts.cipher.contains("ECDHE"))
        #expect(facts.verification.code == 0)
    }

    @Test func legacyTLS10ServerIsReachableOnlyWhenAllowed() async throws {
        defer { pki.remove() }
        let legacyServer = ["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"]
        let facts = try await handshake(
            certificate: pki.leafCertificate, key: pki.leafKey,
            configuration: .forHost("localhost", caFile: pki.caFile, minimumVersion: .tls1_0),
            serverOptions: legacyServer)
        #expect(facts.protocolVersion == "TLSv1")
        await #expect {
            _ = try await handshake(
                certificate: pki.leafCertificate, key: pki.leafKey,
                configuration: .forHost("localhost", caFile: pki.caFile), serverOptions: legacyServer)
        } throws: { error in
            (error as? TransportError)?.code == .tlsHandshakeFailed
        }
    }

    @Test func unreadableCAFileIsAConfigurationError() async throws {
        defer { pki.remove() }
        #expect(throws: TransportError.self) {
            _ = try TLSClientContext(.forHost("localhost", caFile: pki.directory.appendingPathComponent("none.pem").path))
        }
    }
}
