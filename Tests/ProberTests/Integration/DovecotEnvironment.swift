import Config
import Foundation
import Testing

/// The test Dovecot started by `scripts/dovecot-test.sh`, as described by the `env.sh` it writes.
///
/// `scripts/test.sh` sources that file and sets `IMAPWATCH_REQUIRE_DOVECOT=1`, so in CI a missing server is a
/// failure, never a silent skip.
struct DovecotEnvironment: Sendable {
    let host: String
    let imapPort: Int
    let imapsPort: Int
    let noStartTLSPort: Int
    let expiredHost: String
    let untrustedHost: String
    let soonHost: String
    let tlsName: String
    let caFile: String
    let user: String
    let password: String
    let emptyUser: String
    let emptyPassword: String
    /// A user whose password holds `"`, `\`, a space and non-ASCII (quoting with escapes; a literal for LOGIN).
    let quotedUser: String
    let quotedPassword: String
    let doveadm: String
    let messageSizes: [Int]
    let quotaRoot: String
    let certNotAfter: Int64

    /// The environment, or `nil` when the test Dovecot is not running.
    static let current: DovecotEnvironment? = load()

    /// Whether the Dovecot tests must run (CI) rather than skip.
    static var required: Bool { ProcessInfo.processInfo.environment["IMAPWATCH_REQUIRE_DOVECOT"] == "1" }

    /// The environment, recording a test failure when it is required but absent.
    static func require() -> DovecotEnvironment? {
        if let current { return current }
        if required {
            Issue.record("IMAPWATCH_REQUIRE_DOVECOT=1 but the test Dovecot's environment is missing")
        } else {
            print("⚠️  SKIPPED: no test Dovecot (run scripts/test.sh, or source .build-test/dovecot/env.sh)")
        }
        return nil
    }

    private static func load() -> DovecotEnvironment? {
        let env = ProcessInfo.processInfo.environment
        func value(_ name: String) -> String? { env["IMAPWATCH_TEST_" + name] }
        func port(_ name: String) -> Int? { value(name).flatMap(Int.init) }
        func secret(_ name: String) -> String? {
            guard let path = value(name), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                return nil
            }
            return text.trimmingCharacters(in: .newlines)
        }
        guard let host = value("HOST"), let imapPort = port("IMAP_PORT"), let imapsPort = port("IMAPS_PORT"),
            let noStartTLSPort = port("NOSTARTTLS_PORT"), let expiredHost = value("EXPIRED_HOST"),
            let untrustedHost = value("UNTRUSTED_HOST"), let soonHost = value("SOON_HOST"),
            let tlsName = value("TLS_NAME"), let caFile = value("CA"), let user = value("USER"),
            let password = secret("PASSWORD_FILE"), let emptyUser = value("EMPTY_USER"),
            let emptyPassword = secret("EMPTY_PASSWORD_FILE"), let quotedUser = value("QUOTED_USER"),
            let quotedPassword = secret("QUOTED_PASSWORD_FILE"), let doveadm = value("DOVEADM"),
            let sizes = value("MESSAGE_SIZES"), let quotaRoot = value("QUOTA_ROOT"),
            let certNotAfter = value("CERT_NOT_AFTER").flatMap(Int64.init)
        else { return nil }
        return DovecotEnvironment(
            host: host, imapPort: imapPort, imapsPort: imapsPort, noStartTLSPort: noStartTLSPort,
            expiredHost: expiredHost, untrustedHost: untrustedHost, soonHost: soonHost, tlsName: tlsName,
            caFile: caFile, user: user, password: password, emptyUser: emptyUser, emptyPassword: emptyPassword,
            quotedUser: quotedUser, quotedPassword: quotedPassword,
            doveadm: doveadm, messageSizes: sizes.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) },
            quotaRoot: quotaRoot, certNotAfter: certNotAfter)
    }

    /// Settings for the monitor user on `port`, verified against the test CA.
    func settings(
        port: Int, host: String? = nil, user: String? = nil, password: String? = nil, login: Bool = true
    ) -> ProbeSettings {
        let credentials = Credentials(username: user ?? self.user, secret: Secret(password ?? self.password))
        return ProbeSettings(
            host: host ?? self.host, port: port, tlsMode: port == imapsPort ? .implicit : .starttls,
            caFile: caFile, credentials: login ? credentials : nil, timeout: .seconds(10))
    }

    /// Runs `doveadm` with the test configuration and returns its standard output.
    func doveadm(_ arguments: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(doveadm) \(arguments)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
