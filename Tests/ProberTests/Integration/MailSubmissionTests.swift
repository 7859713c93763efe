import Config
import Foundation
import Prober
import SMTPProtocol
import Testing
import TestSupport

/// Submissions to the real test MTA (Postfix, delivering into the test Dovecot): every phase timed, the
/// certificate's facts read, each refusal reported in its phase with the server's reply, and the password in no
/// transcript. Deliveries go to the flow user's mailbox, which only these tests and the mail-flow loop use.
@Suite("Submission to a real Postfix", .serialized)
struct MailSubmissionTests {
    let submitter = MailSubmitter()

    static func settings(
        _ env: MTATestEnvironment, security: SubmissionPlan.Security, host: String? = nil, password: String? = nil,
        recipients: [String]? = nil
    ) throws -> SubmissionSettings {
        SubmissionSettings(
            host: ServerHost(testHost: host ?? env.host),
            port: security == .startTLS ? env.submissionPort : env.submissionsPort, security: security,
            serverName: ServerHost(testHost: env.tlsName), caFile: env.caFile, username: env.flowUser,
            password: Secret(password ?? env.flowPassword), clientName: "probe.example.test",
            sender: try MailAddress(env.flowUser),
            recipients: try (recipients ?? [env.flowUser]).map { try MailAddress($0) }, timeout: .seconds(10))
    }

    static func message(_ env: MTATestEnvironment, token: String = "submission-unused") throws -> [UInt8] {
        let flow = try MailAddress(env.flowUser)
        return try ProbeMessage(
            token: token, from: flow, to: flow, unixTime: Int(Date().timeIntervalSince1970),
            hostName: "probe.example.test"
        ).bytes
    }

    /// Waits (up to 10 s) for the message with `token` in the flow user's INBOX, then removes it; whether it came.
    static func arrivedAndRemoved(token: String, flowUser: String) async throws -> Bool {
        let dovecot = try #require(DovecotTestEnvironment.require())
        let query = "-u \(flowUser) mailbox INBOX header X-Imapwatch-Probe \(token)"
        for _ in 0..<100 {
            if !(try dovecot.doveadm("search \(query)")).isEmpty {
                _ = try dovecot.doveadm("expunge \(query)")
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("accepted on 587 with STARTTLS and on 465 with implicit TLS, each phase timed, no password shown",
        arguments: [SubmissionPlan.Security.startTLS, .implicitTLS])
    func accepted(security: SubmissionPlan.Security) async throws {
        guard let env = MTATestEnvironment.require() else { return }
        let token = "submission-" + UUID().uuidString.prefix(8).lowercased()
        let result = await submitter.submit(
            try Self.settings(env, security: security), message: try Self.message(env, token: token),
            keepingTranscript: true)
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.accepted)
        #expect(result.acceptedText?.contains("queued as") == true, "\(String(describing: result.acceptedText))")
        let expected: [SubmissionPhase] =
            security == .startTLS
            ? [.resolve, .connect, .greeting, .ehlo, .startTLS, .auth, .submit, .quit]
            : [.resolve, .connect, .tlsHandshake, .greeting, .ehlo, .auth, .submit, .quit]
        #expect(result.phases.map(\.phase) == expected)
        #expect(result.phases.allSatisfy { $0.duration > .zero || $0.phase == .resolve })
        #expect(result.mechanism == "PLAIN")
        let tls = try #require(result.tls)
        #expect(tls.verification.isVerified)
        #expect(tls.leaf?.subjectAlternativeNames.contains("smtp.example.test") == true)
        #expect(tls.leaf?.notAfter == env.certNotAfter)
        let transcript = result.transcript.joined(separator: "\n")
        #expect(transcript.contains("C: AUTH PLAIN <redacted>"))
        #expect(!transcript.contains(env.flowPassword))
        // The password goes only inside AUTH's base64: neither it nor its base64 forms are in the transcript.
        #expect(!transcript.contains(Data(("\u{0}" + env.flowUser + "\u{0}" + env.flowPassword).utf8).base64EncodedString()))
        // Accepted means delivered here: Postfix hands it to the test Dovecot over LMTP.
        #expect(try await Self.arrivedAndRemoved(token: token, flowUser: env.flowUser))
    }

    @Test("a wrong password fails smtp_auth with auth_failed and the server's 535")
    func wrongPassword() async throws {
        guard let env = MTATestEnvironment.require() else { return }
        let wrong = env.flowPassword + "-wrong"
        let result = await submitter.submit(
            try Self.settings(env, security: .startTLS, password: wrong), message: try Self.message(env),
            keepingTranscript: true)
        let failure = try #require(result.failure)
        #expect(failure.code == .authFailed)
        #expect(failure.phase == .auth)
        #expect(failure.replyCode == 535)
        #expect(failure.enhancedStatus == "5.7.8")
        #expect(!failure.message.contains(wrong) && !result.transcript.joined().contains(wrong))
    }

    @Test("an unknown recipient fails smtp_submit with recipient_refused and 550 5.1.1")
    func unknownRecipient() async throws {
        guard let env = MTATestEnvironment.require() else { return }
        let result = await submitter.submit(
            try Self.settings(env, security: .implicitTLS, recipients: ["nobody@example.test"]),
            message: try Self.message(env))
        let failure = try #require(result.failure)
        #expect(failure.code == .recipientRefused)
        #expect(failure.phase == .submit)
        #expect(failure.replyCode == 550)
        #expect(failure.enhancedStatus == "5.1.1")
        #expect(failure.message.contains("nobody@example.test"))
    }

    @Test("an untrusted certificate fails smtp_starttls before AUTH, its facts still reported")
    func untrustedCertificate() async throws {
        guard let env = MTATestEnvironment.require() else { return }
        let result = await submitter.submit(
            try Self.settings(env, security: .startTLS, host: env.untrustedHost), message: try Self.message(env),
            keepingTranscript: true)
        let failure = try #require(result.failure)
        #expect(failure.code == .certificateUntrusted, "\(failure)")
        #expect(failure.phase == .startTLS)
        #expect(result.tls?.verification.isVerified == false)
        #expect(!result.transcript.contains { $0.contains("AUTH") })
    }
}
