import Config
import Foundation
import Testing

/// `tls_server_config`: the certificate and key files (relative to the web configuration's folder, readable at
/// load), exporter-toolkit's version names, and the keys refused with a reason.
extension WebConfigTests {
    /// A scratch folder holding `server.crt` and `server.key` (their content is checked later, by the TLS layer)
    /// and a `certs/` folder, as the web configuration's folder.
    struct TLSFolder {
        let url: URL

        init() throws {
            url = try Fixtures.scratchDirectory()
            try FileManager.default.createDirectory(at: url.appendingPathComponent("certs"), withIntermediateDirectories: true)
            for name in ["server.crt", "server.key"] {
                try Data("-----BEGIN PLACEHOLDER-----\n".utf8).write(to: url.appendingPathComponent(name))
            }
        }

        func load(_ yaml: String) throws(ConfigError) -> WebConfiguration {
            try WebConfigLoader().load(yaml: yaml, file: "web.yml", baseDirectory: url.path)
        }

        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    @Test func tlsServerConfigLoadsWithPathsFromTheFilesFolder() throws {
        let folder = try TLSFolder()
        defer { folder.remove() }
        let web = try folder.load(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: \(folder.url.path)/server.key
              min_version: TLS13
              client_auth_type: NoClientCert
            basic_auth_users:
              alice: \(Self.alice)

            """)
        let tls = try #require(web.tls)
        #expect(tls.certificateFile == folder.url.appendingPathComponent("server.crt").path)
        #expect(tls.keyFile == folder.url.appendingPathComponent("server.key").path)
        #expect(tls.minimumVersion == .tls1_3)
        #expect(web.requiresAuthentication)
    }

    @Test func minVersionDefaultsToTLS12() throws {
        let folder = try TLSFolder()
        defer { folder.remove() }
        let web = try folder.load("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n")
        #expect(web.tls?.minimumVersion == .tls1_2)
        #expect(!web.requiresAuthentication)
    }

    @Test func loadingByPathTakesRelativeFilesFromTheFilesFolder() throws {
        let folder = try TLSFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("web.yml")
        try Data("tls_server_config:\n  cert_file: server.crt\n  key_file: ./server.key\n".utf8).write(to: file)
        let web = try WebConfigLoader().load(path: file.path)
        #expect(web.tls?.certificateFile == folder.url.appendingPathComponent("server.crt").path)
    }

    static let invalidTLS: [(yaml: String, message: String)] = [
        (
            "tls_server_config:\n  cert_file: server.crt\n",
            "web.yml:1:1: tls_server_config needs 'key_file'"
        ),
        (
            "tls_server_config:\n  cert_file: missing.crt\n  key_file: server.key\n",
            "web.yml:2:14: tls_server_config.cert_file: cannot read missing.crt: no such file (the file must exist and be readable by imapwatch when the configuration loads)"
        ),
        (
            "tls_server_config:\n  cert_file: certs\n  key_file: server.key\n",
            "web.yml:2:14: tls_server_config.cert_file: cannot read certs: it is a directory (the file must exist and be readable by imapwatch when the configuration loads)"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS11\n",
            "web.yml:4:16: tls_server_config.min_version: 'TLS11' is not a valid value (did you mean 'TLS12'? one of TLS12, TLS13)"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: \"1.3\"\n",
            "web.yml:4:16: tls_server_config.min_version: '1.3' is not a valid value (one of TLS12, TLS13)"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  cert_fil: x\n",
            "web.yml:4:3: unknown key 'cert_fil' in tls_server_config (did you mean 'cert_file'?)"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: RequireAndVerifyClientCert\n",
            "web.yml:4:21: tls_server_config.client_auth_type: RequireAndVerifyClientCert is not supported (imapwatch does not ask for client certificates yet; use NoClientCert (or remove the key) and basic_auth_users)"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  cipher_suites: [TLS_AES_128_GCM_SHA256]\n",
            "web.yml:4:3: tls_server_config.cipher_suites is not supported (imapwatch's TLS takes cert_file, key_file, min_version and client_auth_type: NoClientCert, with the system OpenSSL's ciphers and curves; remove cipher_suites)"
        ),
        (
            "tls_server_config:\n  cert_file: \"\"\n  key_file: server.key\n",
            "web.yml:2:14: tls_server_config.cert_file must not be empty"
        ),
    ]

    @Test(arguments: invalidTLS)
    func invalidTLSServerConfigFailsWithExactMessage(yaml: String, message: String) throws {
        let folder = try TLSFolder()
        defer { folder.remove() }
        let error = try #require(throws: ConfigError.self) { try folder.load(yaml) }
        #expect(error.description == message)
    }
}
