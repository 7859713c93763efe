import TestSupport

/// The shared test-Dovecot environment under the name these tests use.
typealias TestDovecot = DovecotTestEnvironment

extension DovecotTestEnvironment {
    /// `-H host -p port [--tls implicit] --ca-file CA`: the implicit-TLS test port needs `--tls implicit`
    /// (only 993 defaults to it).
    func target(host: String? = nil, port: Int) -> [String] {
        ["-H", host ?? self.host, "-p", String(port)] + (port == imapsPort ? ["--tls", "implicit"] : [])
            + ["--ca-file", caFile]
    }

    /// `-u user --password-file file` for the seeded monitor user.
    var login: [String] { ["-u", user, "--password-file", passwordFile] }
}
