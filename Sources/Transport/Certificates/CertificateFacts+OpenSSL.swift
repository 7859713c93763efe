import COpenSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension CertificateFacts {
    /// Reads the facts of one OpenSSL `X509` (borrowed; not freed here).
    init(x509 certificate: OpaquePointer) {
        self.init(
            subject: Self.rfc2253(X509_get_subject_name(certificate)),
            issuer: Self.rfc2253(X509_get_issuer_name(certificate)),
            subjectAlternativeNames: Self.subjectAlternativeNames(certificate),
            notBefore: Self.unixTime(X509_get0_notBefore(certificate)) ?? 0,
            notAfter: Self.unixTime(X509_get0_notAfter(certificate)) ?? 0,
            sha256Fingerprint: Self.sha256Fingerprint(certificate)
        )
    }

    /// A name in RFC 2253 one-line form (`CN=localhost,O=Example`), empty if it cannot be printed.
    private static func rfc2253(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, imapwatch_XN_FLAG_RFC2253()) >= 0 else { return "" }
        return readAll(bio)
    }

    /// DNS names and IP addresses from subjectAltName, in certificate order.
    private static func subjectAlternativeNames(_ certificate: OpaquePointer) -> [String] {
        guard let names = imapwatch_X509_subject_alt_names(certificate) else { return [] }
        defer { GENERAL_NAMES_free(names) }
        var result: [String] = []
        for index in 0..<imapwatch_sk_GENERAL_NAME_num(names) {
            guard let name = imapwatch_sk_GENERAL_NAME_value(names, index) else { continue }
            if let dns = imapwatch_GENERAL_NAME_dns(name) {
                result.append(String(decoding: octets(dns), as: UTF8.self))
            } else if let ip = imapwatch_GENERAL_NAME_ip(name), let text = IPLiteral.format(octets(ip)) {
                result.append(text)
            }
        }
        return result
    }

    /// The content octets of an ASN1_STRING.
    private static func octets(_ string: UnsafePointer<ASN1_STRING>) -> [UInt8] {
        let length = Int(ASN1_STRING_length(string))
        guard length > 0, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// An ASN1_TIME as Unix seconds.
    private static func unixTime(_ time: UnsafePointer<ASN1_TIME>?) -> Int64? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Int64(timegm(&parts))
    }

    /// SHA-256 of the DER encoding as upper-case hex pairs joined by colons.
    private static func sha256Fingerprint(_ certificate: OpaquePointer) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, EVP_sha256(), &digest, &length) == 1, length > 0 else { return "" }
        let hex = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(3 * Int(length))
        for byte in digest.prefix(Int(length)) {
            if !text.isEmpty { text.append(UInt8(ascii: ":")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Everything written to a memory BIO, as UTF-8 text.
    static func readAll(_ bio: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = BIO_read(bio, &chunk, Int32(chunk.count))
            if count <= 0 { break }
            bytes.append(contentsOf: chunk.prefix(Int(count)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
