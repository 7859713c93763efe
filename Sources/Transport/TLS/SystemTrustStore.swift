import COpenSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Points an `SSL_CTX` at the system's trusted CAs without parsing all of them up front.
///
/// `SSL_CTX_set_default_verify_paths` parses the whole CA bundle (about 140 certificates, ~20 ms of CPU) for every
/// context. The hashed directory (`/etc/ssl/certs` on Debian, kept by `update-ca-certificates`) is looked up
/// lazily, one issuer at a time, so it is used when it has hash links. The bundle file is loaded instead when
/// `SSL_CERT_FILE` names one, or when the directory has no hash links (distributions that ship only a bundle).
enum SystemTrustStore {
    static func attach(to context: OpaquePointer) throws(TransportError) {
        let environment = getenv("SSL_CERT_FILE").map { String(cString: $0) }
        let useFile = environment != nil || !hasHashLinks(directory: defaultDirectory)
        let loaded =
            useFile
            ? SSL_CTX_set_default_verify_file(context) == 1
            : SSL_CTX_set_default_verify_dir(context) == 1
        guard loaded else {
            throw TransportError(
                .tlsConfigurationInvalid, OpenSSLErrorQueue.describe(or: "cannot load the system trust store"))
        }
    }

    /// OpenSSL's default certificate directory, or `SSL_CERT_DIR` when set (first entry).
    private static var defaultDirectory: String {
        if let variable = getenv("SSL_CERT_DIR") {
            return String(cString: variable).split(separator: ":").first.map(String.init) ?? ""
        }
        return X509_get_default_cert_dir().map { String(cString: $0) } ?? ""
    }

    /// Whether `directory` holds at least one `xxxxxxxx.N` hash link.
    private static func hasHashLinks(directory: String) -> Bool {
        guard !directory.isEmpty, let handle = opendir(directory) else { return false }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if isHashName(name) { return true }
        }
        return false
    }

    private static func isHashName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 8, !parts[1].isEmpty else { return false }
        return parts[0].allSatisfy(\.isHexDigit) && parts[1].allSatisfy(\.isNumber)
    }
}
