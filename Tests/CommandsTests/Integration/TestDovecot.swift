import Foundation
import Testing

/// The test Dovecot started by `scripts/dovecot-test.sh`, read from the `IMAPWATCH_TEST_*` variables its
/// `env.sh` exports: what the command-line tests need to build `imapwatch` arguments.
///
/// `IMAPWATCH_REQUIRE_DOVECOT=1` (set by `scripts/test.sh`) turns a missing server into a test failure; without
/// it the tests skip and say so loudly.
struct TestDovecot: Sendable {
    let host: String
    let imapPort: Int
    let imapsPort: Int
    let noStartTLSPort: Int
    let expiredHost: String
    let untrustedHost: String
    let soonHost: String
    let caFile: String
    let user: String
    let passwordFile: String
    /// The content of `passwordFile` without its line ending: what must never be printed.
    let password: String
    let emptyUser: String
    let emptyPasswordFile: String
    let quotaRoot: String

    /// The environment, or `nil` when the test Dovecot's variables are absent or its files unreadable.
    static let current: TestDovecot? = load(ProcessInfo.processInfo.environment)

    /// Whether the Dovecot tests must run rather than skip.
    static var required: Bool { ProcessInfo.processInfo.environment["IMAPWATCH_REQUIRE_DOVECOT"] == "1" }

    /// The environment, recording a test failure when it is required but absent.
    static func require() -> TestDovecot? {
        if let current { return current }
        if required {
            Issue.record("IMAPWATCH_REQUIRE_DOVECOT=1 but the test Dovecot's IMAPWATCH_TEST_* environment is missing")
        } else {
            print("⚠️  SKIPPED: imapwatch CLI tests need the test Dovecot (run scripts/test.sh, or "
                + "eval \"$(bash scripts/dovecot-test.sh env)\")")
        }
        return nil
    }

    static func load(_ env: [String: String]) -> TestDovecot? {
        func value(_ name: String) -> String? { env["IMAPWATCH_TEST_" + name].flatMap { $0.isEmpty ? nil : $0 } }
        func port(_ name: String) -> Int? { value(name).flatMap(Int.init) }
        guard let host = value("HOST"), let imapPort = port("IMAP_PORT"), let imapsPort = port("IMAPS_PORT"),
            let noStartTLSPort = port("NOSTARTTLS_PORT"), let expiredHost = value("EXPIRED_HOST"),
            let untrustedHost = value("UNTRUSTED_HOST"), let soonHost = value("SOON_HOST"),
            let caFile = value("CA"), let user = value("USER"), let passwordFile = value("PASSWORD_FILE"),
            let text = try? String(contentsOfFile: passwordFile, encoding: .utf8),
            let emptyUser = value("EMPTY_USER"), let emptyPasswordFile = value("EMPTY_PASSWORD_FILE"),
            let quotaRoot = value("QUOTA_ROOT")
        else { return nil }
        let password = text.trimmingCharacters(in: .newlines)
        guard !password.isEmpty else { return nil }
        return TestDovecot(
            host: host, imapPort: imapPort, imapsPort: imapsPort, noStartTLSPort: noStartTLSPort,
            expiredHost: expiredHost, untrustedHost: untrustedHost, soonHost: soonHost, caFile: caFile, user: user,
            passwordFile: passwordFile, password: password, emptyUser: emptyUser,
            emptyPasswordFile: emptyPasswordFile, quotaRoot: quotaRoot)
    }

    /// `-H host -p port [--tls implicit] --ca-file CA`: the implicit-TLS test port needs `--tls implicit`
    /// (only 993 defaults to it).
    func target(host: String? = nil, port: Int) -> [String] {
        ["-H", host ?? self.host, "-p", String(port)] + (port == imapsPort ? ["--tls", "implicit"] : [])
            + ["--ca-file", caFile]
    }

    /// `-u user --password-file file` for the seeded monitor user.
    var login: [String] { ["-u", user, "--password-file", passwordFile] }
}
