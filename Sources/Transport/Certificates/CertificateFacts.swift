/// What a probe reports about one X.509 certificate the server presented.
public struct CertificateFacts: Sendable, Hashable, Codable {
    /// The subject, one line, RFC 2253 style (`CN=imap.example.org,O=Example`).
    public var subject: String
    /// The issuer, in the same form as `subject`.
    public var issuer: String
    /// DNS names and IP addresses from the subjectAltName extension, in certificate order.
    public var subjectAlternativeNames: [String]
    /// notBefore as Unix time (seconds).
    public var notBefore: Int64
    /// notAfter as Unix time (seconds).
    public var notAfter: Int64
    /// SHA-256 of the DER encoding, upper-case hex pairs separated by colons.
    public var sha256Fingerprint: String

    /// Makes the facts of one certificate from already-extracted values.
    public init(
        subject: String,
        issuer: String,
        subjectAlternativeNames: [String],
        notBefore: Int64,
        notAfter: Int64,
        sha256Fingerprint: String
    ) {
        self.subject = subject
        self.issuer = issuer
        self.subjectAlternativeNames = subjectAlternativeNames
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.sha256Fingerprint = sha256Fingerprint
    }
}
