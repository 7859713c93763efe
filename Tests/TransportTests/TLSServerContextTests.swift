import Foundation
import Testing
import Transport

/// `TLSServerContext`'s refusal of a key it cannot use without a person at a terminal.
@Suite struct TLSServerContextTests {
    @Test func anEncryptedKeyIsRefusedWithoutAskingForItsPassphrase() async throws {
        let pki = try await TestPKI()
        defer { pki.remove() }
        let encrypted = pki.directory.appendingPathComponent("encrypted.key").path
        _ = try await pki.openssl(["pkey", "-in", pki.leafKey, "-aes256", "-passout", "pass:unused-here", "-out", encrypted])
        // OpenSSL's default would read a passphrase from the terminal or standard input: a service would hang
        // at its start or its reload.
        let error = try #require(throws: TransportError.self) {
            try TLSServerContext(
                certificateChainFile: pki.leafCertificate, privateKeyFile: encrypted, minimumVersion: .tls1_2)
        }
        #expect(error.code == .tlsConfigurationInvalid)
        #expect(
            error.message.hasPrefix("key file \(encrypted) is encrypted with a passphrase, which is not supported"),
            "\(error)")
        // The same key decrypted loads.
        _ = try TLSServerContext(
            certificateChainFile: pki.leafCertificate, privateKeyFile: pki.leafKey, minimumVersion: .tls1_2)
    }
}
