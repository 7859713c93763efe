import Foundation
import Testing

/// The test Dovecot started by `scripts/testbed.sh`, read from the `IMAPWATCH_TEST_*` variables of the
/// `env.sh` it writes. Shared by every test target that talks to the real server.
///
/// `scripts/test.sh` sets `IMAPWATCH_REQUIRE_DOVECOT=1`, so in CI a missing server is a failure, never a silent
/// skip; without it the tests skip and say so loudly.
public struct DovecotTestEnvironment: Sendable {
    public let host: String
    /// The plain port with STARTTLS.
    public let imapPort: Int
    /// The implicit-TLS port (also on the expired, untrusted and soon-expiring hosts).
    public let imapsPort: Int
    /// A plain port that does not offer STARTTLS.
    public let noStartTLSPort: Int
    public let expiredHost: String
    public let untrustedHost: String
    /// A host whose certificate expires in 10 days.
    public let soonHost: String
    /// The name in the valid certificate besides `localhost` and 127.0.0.1.
    public let tlsName: String
    public let caFile: String
    /// The seeded monitor user, its password file, and the password (without line ending): never to be printed.
    public let user: String
    public let passwordFile: String
    public let password: String
    /// A user with an empty INBOX.
    public let emptyUser: String
    public let emptyPasswordFile: String
    public let emptyPassword: String
    /// A user whose password holds `"`, `\`, a space and non-ASCII (quoting with escapes; a literal for LOGIN).
    public let quotedUser: String
    public let quotedPassword: String
    /// `doveadm -c <conf>`, shell-quoted.
    public let doveadmCommand: String
    /// The seeded messages' sizes in octets, oldest first.
    public let messageSizes: [Int]
    public let quotaRoot: String
    /// The valid certificate's notAfter, Unix seconds.
    public let certNotAfter: Int64

    /// The environment, or `nil` when the test Dovecot's variables are absent or its files unreadable.
    public static let current: DovecotTestEnvironment? = load(ProcessInfo.processInfo.environment)

    /// Whether the Dovecot tests must run rather than skip.
    public static var required: Bool { ProcessInfo.processInfo.environment["IMAPWATCH_REQUIRE_DOVECOT"] == "1" }

    /// The environment, recording a test failure when it is required but absent.
    public static func require() -> DovecotTestEnvironment? {
        if let current { return current }
        if required {
            Issue.record("IMAPWATCH_REQUIRE_DOVECOT=1 but the test Dovecot's IMAPWATCH_TEST_* environment is missing")
        } else {
            print("⚠️  SKIPPED: this test needs the test Dovecot (run scripts/test.sh, or "
                + "eval \"$(bash scripts/testbed.sh env)\")")
        }
        return nil
    }

    static func load(_ env: [String: String]) -> DovecotTestEnvironment? {
        func value(_ name: String) -> String? { env["IMAPWATCH_TEST_" + name].flatMap { $0.isEmpty ? nil : $0 } }
        func port(_ name: String) -> Int? { value(name).flatMap(Int.init) }
        func secret(_ path: String) -> String? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            let secret = text.trimmingCharacters(in: .newlines)
            return secret.isEmpty ? nil : secret
        }
        guard let host = value("HOST"), let imapPort = port("IMAP_PORT"), let imapsPort = port("IMAPS_PORT"),
            let noStartTLSPort = port("NOSTARTTLS_PORT"), let expiredHost = value("EXPIRED_HOST"),
            let untrustedHost = value("UNTRUSTED_HOST"), let soonHost = value("SOON_HOST"),
            let tlsName = value("TLS_NAME"), let caFile = value("CA"), let user = value("USER"),
            let passwordFile = value("PASSWORD_FILE"), let password = secret(passwordFile),
            let emptyUser = value("EMPTY_USER"), let emptyPasswordFile = value("EMPTY_PASSWORD_FILE"),
            let emptyPassword = secret(emptyPasswordFile), let quotedUser = value("QUOTED_USER"),
            let quotedPassword = value("QUOTED_PASSWORD_FILE").flatMap(secret),
            let doveadmCommand = value("DOVEADM"), let sizes = value("MESSAGE_SIZES"),
            let quotaRoot = value("QUOTA_ROOT"), let certNotAfter = value("CERT_NOT_AFTER").flatMap(Int64.init)
        else { return nil }
        return DovecotTestEnvironment(
            host: host, imapPort: imapPort, imapsPort: imapsPort, noStartTLSPort: noStartTLSPort,
            expiredHost: expiredHost, untrustedHost: untrustedHost, soonHost: soonHost, tlsName: tlsName,
            caFile: caFile, user: user, passwordFile: passwordFile, password: password, emptyUser: emptyUser,
            emptyPasswordFile: emptyPasswordFile, emptyPassword: emptyPassword, quotedUser: quotedUser,
            quotedPassword: quotedPassword, doveadmCommand: doveadmCommand,
            messageSizes: sizes.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) },
            quotaRoot: quotaRoot, certNotAfter: certNotAfter)
    }

    /// Runs `doveadm` with the test configuration and returns its standard output.
    public func doveadm(_ arguments: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(doveadmCommand) \(arguments)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
