import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `imapwatch check` against the real test Dovecot: every failure is CRITICAL with its reason code; bad command
/// lines are UNKNOWN.
extension CLIIntegrationTests {
    @Suite("check against the test Dovecot: failures", .serialized)
    struct CheckFailureTests {
        /// A CRITICAL failure: the summary is `<port>/<mode> <phase> failed: <code> (<detail>)[; more]`, the
        /// perfdata lists exactly `ran`, then total (and cert days when a certificate was seen).
        func expectFailure(
            _ outcome: ImapwatchProcess.Outcome, port: Int, mode: String, phase: String, code: String, detail: String,
            ran: [String], sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> StatusLine {
            let line = try Expect.statusLine(
                outcome, code: 2,
                summary: "IMAP CRITICAL - \(port)/\(mode) \(phase) failed: \(code) \\(\(detail)\\)(; .+)?",
                sourceLocation: sourceLocation)
            #expect(line.phaseLabels == ran, sourceLocation: sourceLocation)
            #expect(Array(line.labels.prefix(ran.count + 1)) == ran + ["total"], sourceLocation: sourceLocation)
            return line
        }

        @Test("wrong password: CRITICAL auth_failed, and neither password is printed")
        func wrongPassword() async throws {
            guard let env = TestDovecot.require() else { return }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let wrong = "Wr0ng-\(UUID().uuidString.prefix(8))"
            let file = folder.appendingPathComponent("pw")
            try Data("\(wrong)\n".utf8).write(to: file)
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapPort) + ["-u", env.user, "--password-file", file.path, "-v"])
            _ = try expectFailure(
                outcome, port: env.imapPort, mode: "starttls", phase: "login", code: "auth_failed",
                detail: "[^)]*[Aa]uthentication failed[^)]*",
                ran: ["resolve", "connect", "greeting", "starttls", "capability_after_tls", "login"])
            #expect(!outcome.everything.contains(wrong))
            #expect(!outcome.everything.contains(env.password))
            #expect(outcome.standardOutput.contains("\nselect: skipped (not_reached)\n"))
        }

        @Test("expired certificate: CRITICAL certificate_expired in tls_handshake, cert days negative")
        func expiredCertificate() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(host: env.expiredHost, port: env.imapsPort) + env.login)
            let line = try expectFailure(
                outcome, port: env.imapsPort, mode: "tls", phase: "tls_handshake", code: "certificate_expired",
                detail: "certificate verification failed: certificate has expired",
                ran: ["resolve", "connect", "tls_handshake"])
            #expect(line.summary.hasSuffix(" days ago"), "\(line.summary)")
            #expect((line.value("cert_days") ?? 0) < 0)
            #expect(!outcome.everything.contains(env.password))
        }

        @Test("untrusted (self-signed) certificate: CRITICAL certificate_untrusted")
        func untrustedCertificate() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(host: env.untrustedHost, port: env.imapsPort) + env.login)
            _ = try expectFailure(
                outcome, port: env.imapsPort, mode: "tls", phase: "tls_handshake", code: "certificate_untrusted",
                detail: "certificate verification failed: self-signed certificate",
                ran: ["resolve", "connect", "tls_handshake"])
        }

        @Test("--insecure on the untrusted certificate: WARNING, and the probe goes on")
        func untrustedInsecure() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(host: env.untrustedHost, port: env.imapsPort) + env.login + ["--insecure"])
            let line = try Expect.statusLine(
                outcome, code: 1,
                summary: "IMAP WARNING - \(env.imapsPort)/tls certificate not verified: self-signed certificate "
                    + "\\(insecure\\); \(CLIIntegrationTests.CheckThresholdTests.facts)")
            #expect(line.phaseLabels == CLIIntegrationTests.CheckOKTests.implicitPhases)
        }

        @Test("--sni wrong.example.test: CRITICAL hostname_mismatch")
        func hostnameMismatch() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check"] + env.target(port: env.imapsPort) + ["--sni", "wrong.example.test"])
            _ = try expectFailure(
                outcome, port: env.imapsPort, mode: "tls", phase: "tls_handshake", code: "hostname_mismatch",
                detail: "certificate verification failed: hostname mismatch", ran: ["resolve", "connect", "tls_handshake"])
        }

        @Test("a listener without STARTTLS: CRITICAL starttls_unavailable, no password sent or shown")
        func startTLSUnavailable() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(["check"] + env.target(port: env.noStartTLSPort) + env.login + ["-v"])
            _ = try expectFailure(
                outcome, port: env.noStartTLSPort, mode: "starttls", phase: "starttls", code: "starttls_unavailable",
                detail: "the server does not offer STARTTLS", ran: ["resolve", "connect", "greeting", "starttls"])
            #expect(outcome.standardOutput.contains("\nlogin: skipped (not_reached)\n"))
            #expect(!outcome.everything.contains(env.password))
        }

        @Test("a closed loopback port: CRITICAL connect_refused")
        func connectRefused() async throws {
            guard let env = TestDovecot.require() else { return }
            let closed = try ClosedPort()
            defer { closed.release() }
            let outcome = try await ImapwatchProcess.run(["check"] + env.target(port: closed.port))
            _ = try expectFailure(
                outcome, port: closed.port, mode: "starttls", phase: "connect", code: "connect_refused",
                detail: "\(Expect.literal(env.host)):\(closed.port): connection refused", ran: ["resolve", "connect"])
        }

        @Test("-t 1 on the IMAPS port probed as STARTTLS: no greeting, CRITICAL timeout after about a second")
        func greetingTimeout() async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(
                ["check", "-H", env.host, "-p", String(env.imapsPort), "--ca-file", env.caFile, "-t", "1"], deadline: 15)
            let line = try expectFailure(
                outcome, port: env.imapsPort, mode: "starttls", phase: "greeting", code: "timeout",
                detail: "no greeting before the deadline; a port that speaks TLS from the first byte needs implicit TLS",
                ran: ["resolve", "connect", "greeting"])
            let total = line.value("total") ?? 0
            #expect(total >= 0.9 && total < 3, "total \(total)s for -t 1: the deadline, not the 10 s default")
            #expect(outcome.seconds < 5, "the process took \(outcome.seconds)s")
        }

        @Test("UNKNOWN (exit 3) for command-line problems", arguments: [
            (["-w", "5:1"], "The value '5:1' is invalid for '-w <warning>': invalid range '5:1': start 5 is greater than end 1"),
            (["--phase-critical", "login=x"], "The value 'login=x' is invalid for '--phase-critical <phase-critical>'"),
            (["--no-such-option"], "Unknown option '--no-such-option'"),
            (["-u", "monitor@example.test", "--password-file", "/nonexistent/pw"],
                "password file: cannot read /nonexistent/pw: no such file"),
            (["-u", "monitor@example.test"], "no password for -u: use --password-file or IMAPWATCH_PASSWORD"),
            (["--tls", "none", "-u", "monitor@example.test", "--password", "not-the-password"],
                "--tls none would send the password unencrypted; add --allow-plaintext-auth to allow it"),
        ])
        func unknown(arguments: [String], message: String) async throws {
            guard let env = TestDovecot.require() else { return }
            let outcome = try await ImapwatchProcess.run(["check", "-H", env.host, "-p", String(env.imapPort)] + arguments)
            #expect(outcome.code == 3)
            #expect(outcome.statusLine.hasPrefix("IMAP UNKNOWN - \(message)"), "\(outcome.everything)")
            #expect(!outcome.statusLine.contains(" | "), "no perfdata without a probe")
            #expect(outcome.standardError.isEmpty)
        }
    }
}

/// A loopback TCP port that is bound but never listens, so a connection to it is refused and nothing else can
/// take it while the test runs.
struct ClosedPort {
    let descriptor: Int32
    let port: Int

    init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        try #require(descriptor >= 0, "socket() failed")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw CancellationError()
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func release() { close(descriptor) }
}
