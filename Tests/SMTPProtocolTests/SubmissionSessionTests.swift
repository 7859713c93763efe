import SASLEncoding
import SMTPProtocol
import Testing

/// The submission state machine against scripted servers: the commands it sends, in order, what it does at each
/// refusal, and that nothing secret is sent before TLS or shown in a transcript.
@Suite struct SubmissionSessionTests {
    static let flow = try! MailAddress("flow@example.test")
    static let message = Array("Subject: t\r\n\r\nbody\r\n".utf8)

    static func plan(_ security: SubmissionPlan.Security, recipients: [MailAddress] = [flow]) -> SubmissionPlan {
        SubmissionPlan(
            security: security, clientName: "probe.example.org",
            credentials: .init(username: "flow@example.test", password: "s3cret pass"), sender: flow,
            recipients: recipients, message: message)
    }

    static func reply(_ text: String) -> SMTPReply {
        var framer = ReplyFramer()
        framer.append(Array((text + "\r\n").utf8))
        return (try? framer.next()) ?? SMTPReply(code: ReplyCode(500)!, lines: ["fixture"])
    }

    /// What a session did with a scripted server: the transcript of what it sent (and "<starttls>" where it started
    /// TLS), the step of each command, and how it ended.
    struct Run {
        var sent: [String] = []
        var wire: [String] = []
        var ending: SubmissionAction?
    }

    /// Feeds `replies` in order, answering `.startTLS` at once with a finished handshake.
    static func run(_ plan: SubmissionPlan, _ replies: [String]) -> Run {
        var session = SubmissionSession(plan: plan)
        var run = Run()
        var queue = replies[...]
        while let next = queue.popFirst() {
            var action = session.received(reply(next))
            if case .startTLS = action {
                run.sent.append("<starttls>")
                action = session.tlsStarted()
            }
            switch action {
            case .send(let command):
                run.sent.append(command.transcript)
                run.wire.append(String(decoding: command.bytes, as: UTF8.self))
            case .startTLS: Issue.record("two handshakes in a row")
            case .done, .fail:
                run.ending = action
                return run
            }
        }
        return run
    }

    static let ehloWithStartTLS = "250-smtp.example.test\r\n250-SIZE 10240000\r\n250 STARTTLS"
    static let ehloInTLS = "250-smtp.example.test\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME"

    @Test func startTLSThenPlainThenTheMessage() throws {
        let run = Self.run(Self.plan(.startTLS), [
            "220 smtp.example.test ESMTP", Self.ehloWithStartTLS, "220 2.0.0 Ready to start TLS", Self.ehloInTLS,
            "235 2.7.0 Authentication successful", "250 2.1.0 Ok", "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>",
            "250 2.0.0 Ok: queued as 4ABC", "221 2.0.0 Bye",
        ])
        #expect(run.sent == [
            "EHLO probe.example.org", "STARTTLS", "<starttls>", "EHLO probe.example.org", "AUTH PLAIN <redacted>",
            "MAIL FROM:<flow@example.test> SIZE=\(Self.message.count)", "RCPT TO:<flow@example.test>", "DATA",
            "<message, \(Self.message.count) octets>", "QUIT",
        ])
        let plain = SASL.plain(username: "flow@example.test", password: "s3cret pass")
        #expect(run.wire[3] == "AUTH PLAIN \(Base64.encode(plain))\r\n")
        guard case .done(let receipt) = run.ending else {
            Issue.record("not done: \(String(describing: run.ending))")
            return
        }
        #expect(receipt.mechanism == "PLAIN")
        #expect(receipt.accepted.text == "2.0.0 Ok: queued as 4ABC")
        #expect(receipt.quit?.code.value == 221)
        #expect(receipt.extensions.authMechanisms == ["PLAIN", "LOGIN"])
    }

    @Test func implicitTLSWithLoginOnlyAndTwoRecipients() throws {
        let junk = try Self.flow.withDetail("Junk")
        let run = Self.run(Self.plan(.implicitTLS, recipients: [Self.flow, junk]), [
            "220 smtp.example.test ESMTP", "250-smtp.example.test\r\n250 AUTH LOGIN", "334 VXNlcm5hbWU6",
            "334 UGFzc3dvcmQ6", "235 2.7.0 ok", "250 ok", "250 ok", "251 will forward", "354 go", "250 queued", "421 bye",
        ])
        #expect(run.sent == [
            "EHLO probe.example.org", "AUTH LOGIN", "<redacted>", "<redacted>", "MAIL FROM:<flow@example.test>",
            "RCPT TO:<flow@example.test>", "RCPT TO:<flow+Junk@example.test>", "DATA",
            "<message, \(Self.message.count) octets>", "QUIT",
        ])
        #expect(run.wire[2] == Base64.encode(Array("flow@example.test".utf8)) + "\r\n")
        #expect(run.wire[3] == Base64.encode(Array("s3cret pass".utf8)) + "\r\n")
        guard case .done(let receipt) = run.ending else {
            Issue.record("not done: \(String(describing: run.ending))")
            return
        }
        #expect(receipt.mechanism == "LOGIN")
        #expect(receipt.quit == nil)
    }

    /// A server that does not offer STARTTLS ends the session at EHLO: no AUTH, no password, in any form.
    @Test func noStartTLSNoSecret() {
        let run = Self.run(Self.plan(.startTLS), ["220 mx", "250-mx\r\n250 AUTH PLAIN LOGIN", "235 ok"])
        #expect(run.sent == ["EHLO probe.example.org"])
        guard case .fail(let failure) = run.ending else {
            Issue.record("not failed")
            return
        }
        #expect(failure == SubmissionFailure(step: .ehlo, reason: .startTLSNotOffered))
    }

    static let refusals: [(String, [String], SubmissionFailure)] = [
        ("greeting", ["554 5.7.1 go away"], SubmissionFailure(step: .greeting, reason: .refused(reply("554 5.7.1 go away")))),
        (
            "wrong password", ["220 mx", "250-mx\r\n250 AUTH PLAIN", "535 5.7.8 Error: authentication failed"],
            SubmissionFailure(step: .auth, reason: .authenticationFailed(reply("535 5.7.8 Error: authentication failed")))
        ),
        (
            "no mechanism in common", ["220 mx", "250-mx\r\n250 AUTH CRAM-MD5 SCRAM-SHA-1"],
            SubmissionFailure(step: .auth, reason: .noCommonMechanism(["CRAM-MD5", "SCRAM-SHA-1"]))
        ),
        ("no AUTH", ["220 mx", "250-mx\r\n250 SIZE"], SubmissionFailure(step: .auth, reason: .authNotOffered)),
        (
            "rejected recipient",
            ["220 mx", "250-mx\r\n250 AUTH PLAIN", "235 ok", "250 ok", "550 5.1.1 <flow@example.test>: unknown"],
            SubmissionFailure(step: .rcptTo, reason: .refused(reply("550 5.1.1 <flow@example.test>: unknown")))
        ),
        (
            "message refused", ["220 mx", "250-mx\r\n250 AUTH PLAIN", "235 ok", "250 ok", "250 ok", "354 go", "552 too big"],
            SubmissionFailure(step: .message, reason: .refused(reply("552 too big")))
        ),
        (
            "a 334 after PLAIN's initial response", ["220 mx", "250-mx\r\n250 AUTH PLAIN", "334 "],
            SubmissionFailure(step: .auth, reason: .refused(reply("334 ")))
        ),
    ]

    @Test(arguments: refusals)
    func refusalsEndTheSessionInTheirStep(name: String, replies: [String], failure: SubmissionFailure) {
        let run = Self.run(Self.plan(.implicitTLS), replies)
        guard case .fail(let found) = run.ending else {
            Issue.record("\(name): not failed: \(String(describing: run.ending))")
            return
        }
        #expect(found == failure, "\(name)")
    }

    @Test func noRecipients() {
        let run = Self.run(Self.plan(.implicitTLS, recipients: []), ["220 mx", "250-mx\r\n250 AUTH PLAIN", "235 ok", "250 ok"])
        guard case .fail(let found) = run.ending else {
            Issue.record("not failed")
            return
        }
        #expect(found == SubmissionFailure(step: .mailFrom, reason: .noRecipients))
    }
}
