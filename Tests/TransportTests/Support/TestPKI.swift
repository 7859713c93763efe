import Foundation

/// Throw-away certificates made with the `openssl` CLI in a temporary directory.
///
/// A CA; a leaf for `localhost` / 127.0.0.1 signed by it; an expired leaf signed by it (Jan 2020);
/// a self-signed leaf. All keys are P-256. Call `remove()` when done.
struct TestPKI {
    let directory: URL

    var caFile: String { path("ca.pem") }
    var leafCertificate: String { path("leaf.pem") }
    var leafKey: String { path("leaf.key") }
    var expiredCertificate: String { path("expired.pem") }
    var expiredKey: String { path("expired.key") }
    var selfSignedCertificate: String { path("self.pem") }
    var selfSignedKey: String { path("self.key") }

    private static let configuration = """
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        CN = unused
        [ca_ext]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [leaf_ext]
        basicConstraints = CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:localhost,IP:127.0.0.1
        authorityKeyIdentifier = keyid
        [self_ext]
        basicConstraints = CA:FALSE
        subjectAltName = DNS:localhost,IP:127.0.0.1
        [ca]
        default_ca = ca_default
        [ca_default]
        database = index.txt
        new_certs_dir = .
        serial = serial
        default_md = sha256
        policy = policy_any
        unique_subject = no
        [policy_any]
        commonName = supplied
        organizationName = optional

        """

    /// Makes the directory and every certificate.
    init() async throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("imapwatch-transport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.configuration.write(to: directory.appendingPathComponent("pki.cnf"), atomically: true, encoding: .utf8)
        try "".write(to: directory.appendingPathComponent("index.txt"), atomically: true, encoding: .utf8)
        try "01\n".write(to: directory.appendingPathComponent("serial"), atomically: true, encoding: .utf8)
        let newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await openssl(["req", "-config", "pki.cnf", "-x509"] + newKey + [
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=imapwatch Test CA",
            "-extensions", "ca_ext",
        ])
        for name in ["leaf", "expired"] {
            try await openssl(["req", "-config", "pki.cnf", "-new"] + newKey + [
                "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=localhost/O=imapwatch tests",
            ])
        }
        let sign = ["ca", "-batch", "-config", "pki.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-notext",
                    "-extensions", "leaf_ext"]
        try await openssl(sign + ["-in", "leaf.csr", "-out", "leaf.pem", "-days", "30"])
        try await openssl(sign + [
            "-in", "expired.csr", "-out", "expired.pem",
            "-startdate", "20200101000000Z", "-enddate", "20200201000000Z",
        ])
        try await openssl(["req", "-config", "pki.cnf", "-x509"] + newKey + [
            "-keyout", "self.key", "-out", "self.pem", "-days", "30", "-subj", "/CN=localhost",
            "-extensions", "self_ext",
        ])
    }

    /// Deletes the directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `openssl` with `arguments` in the PKI directory.
    @discardableResult
    func openssl(_ arguments: [String]) async throws -> String {
        try await Shell.run(["openssl"] + arguments, in: directory)
    }

    /// What `openssl x509` says about a certificate: RFC 2253 subject/issuer, notAfter, SHA-256 fingerprint.
    func opensslFacts(of certificate: String) async throws -> (subject: String, issuer: String, notAfter: Int64, fingerprint: String) {
        let subject = try await openssl(["x509", "-in", certificate, "-noout", "-subject", "-nameopt", "RFC2253"])
        let issuer = try await openssl(["x509", "-in", certificate, "-noout", "-issuer", "-nameopt", "RFC2253"])
        let endDate = try await openssl(["x509", "-in", certificate, "-noout", "-enddate"])
        let fingerprint = try await openssl(["x509", "-in", certificate, "-noout", "-fingerprint", "-sha256"])
        return (
            Self.value(afterFirst: "=", in: subject),
            Self.value(afterFirst: "=", in: issuer),
            try Self.unixTime(openSSLDate: Self.value(afterFirst: "=", in: endDate)),
            Self.value(afterFirst: "=", in: fingerprint)
        )
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private static func value(afterFirst separator: Character, in line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let index = trimmed.firstIndex(of: separator) else { return trimmed }
        return String(trimmed[trimmed.index(after: index)...])
    }

    /// Parses OpenSSL's `Feb  1 00:00:00 2020 GMT`.
    private static func unixTime(openSSLDate text: String) throws -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MMM d HH:mm:ss yyyy 'GMT'"
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard let date = formatter.date(from: collapsed) else {
            throw Shell.Failure(command: "parse date", status: -1, output: text)
        }
        return Int64(date.timeIntervalSince1970)
    }
}
