import COpenSSL

/// Reads the facts of the certificates of one handshake, each `X509` object once.
///
/// A handshake's leaf is also the first certificate of the presented and of the verified chain, and the two
/// chains share their intermediates: reading each object once spares the repeated names, dates and SHA-256.
/// Only for certificates borrowed from one live `SSL`, whose objects cannot be freed and their addresses reused
/// while it is read.
struct CertificateReader {
    private var read: [(certificate: OpaquePointer, facts: CertificateFacts)] = []

    /// The facts of `certificate` (borrowed), read now or taken from an earlier read of the same object.
    mutating func facts(of certificate: OpaquePointer) -> CertificateFacts {
        if let known = read.first(where: { $0.certificate == certificate }) {
            return known.facts
        }
        let facts = CertificateFacts(x509: certificate)
        read.append((certificate, facts))
        return facts
    }

    /// The facts of every certificate in a borrowed `STACK_OF(X509)`, in order.
    mutating func certificates(in stack: OpaquePointer?) -> [CertificateFacts] {
        guard let stack else { return [] }
        var chain: [CertificateFacts] = []
        for index in 0..<imapwatch_sk_X509_num(stack) {
            if let certificate = imapwatch_sk_X509_value(stack, index) {
                chain.append(facts(of: certificate))
            }
        }
        return chain
    }
}
