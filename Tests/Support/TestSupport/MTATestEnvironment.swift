import Foundation
import Testing

/// The test MTA started by `scripts/testbed.sh` (Postfix, delivering into the test Dovecot), read from the
/// `IMAPWATCH_TEST_*` variables of its `env.sh`. Required whenever the test Dovecot is (`IMAPWATCH_REQUIRE_DOVECOT=1`,
/// set by `scripts/test.sh`, which starts both); without it the tests skip and say so loudly.
public struct MTATestEnvironment: Sendable {
    public let host: String
    /// Submission with STARTTLS.
    public let submissionPort: Int
    /// Submission over implicit TLS.
    public let submissionsPort: Int
    /// An address whose submission listener serves an untrusted self-signed certificate (STARTTLS port).
    public let untrustedHost: String
    /// The name in the MTA's certificate besides `localhost` and 127.0.0.1.
    public let tlsName: String
    public let caFile: String
    /// The mail-flow user (its mailbox is the loop's alone), its password: never to be printed.
    public let flowUser: String
    public let flowPassword: String
    /// The MTA's certificate's notAfter, Unix seconds.
    public let certNotAfter: Int64

    /// The environment, or nil when the MTA's variables are absent.
    public static let current: MTATestEnvironment? = load(ProcessInfo.processInfo.environment)

    /// The environment, recording a test failure when it is required but absent.
    public static func require() -> MTATestEnvironment? {
        if let current { return current }
        if DovecotTestEnvironment.required {
            Issue.record("IMAPWATCH_REQUIRE_DOVECOT=1 but the test MTA's IMAPWATCH_TEST_* environment is missing")
        } else {
            print("⚠️  SKIPPED: this test needs the test MTA (run scripts/test.sh, or "
                + "eval \"$(bash scripts/testbed.sh env)\" after IMAPWATCH_TEST_MTA=1 bash scripts/testbed.sh start)")
        }
        return nil
    }

    /// Releases the messages the MTA holds (those to "+held") into delivery: `scripts/testbed.sh mta-release`.
    public func releaseHeld() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/testbed.sh").path, "mta-release"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "testbed.sh mta-release failed"])
        }
    }

    static func load(_ env: [String: String]) -> MTATestEnvironment? {
        func value(_ name: String) -> String? { env["IMAPWATCH_TEST_" + name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let host = value("SMTP_HOST"), let submissionPort = value("SUBMISSION_PORT").flatMap(Int.init),
            let submissionsPort = value("SUBMISSIONS_PORT").flatMap(Int.init),
            let untrustedHost = value("SMTP_UNTRUSTED_HOST"), let tlsName = value("SMTP_TLS_NAME"),
            let caFile = value("CA"), let flowUser = value("FLOW_USER"),
            let passwordFile = value("FLOW_PASSWORD_FILE"),
            let password = try? String(contentsOfFile: passwordFile, encoding: .utf8)
                .trimmingCharacters(in: .newlines), !password.isEmpty,
            let certNotAfter = value("SMTP_CERT_NOT_AFTER").flatMap(Int64.init)
        else { return nil }
        return MTATestEnvironment(
            host: host, submissionPort: submissionPort, submissionsPort: submissionsPort, untrustedHost: untrustedHost,
            tlsName: tlsName, caFile: caFile, flowUser: flowUser, flowPassword: password, certNotAfter: certNotAfter)
    }
}
