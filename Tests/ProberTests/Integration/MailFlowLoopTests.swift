import Config
import Foundation
import Prober
import SMTPProtocol
import Testing
import TestSupport

/// The whole mail-flow loop against the real test bed: submitted to Postfix, delivered by LMTP into the test
/// Dovecot, found there by IMAP, and deleted. The recipient's detail steers the test MTA: "+lost" is accepted and
/// discarded, "+held" is held until released, "+Junk" is filed into Junk, an unknown user is refused.
@Suite("The mail-flow loop against Postfix and Dovecot", .serialized)
struct MailFlowLoopTests {
    let loop = MailFlowProber()

    struct Bed {
        let dovecot: DovecotTestEnvironment
        let mta: MTATestEnvironment

        static func require() -> Bed? {
            guard let dovecot = DovecotTestEnvironment.require(), let mta = MTATestEnvironment.require() else { return nil }
            return Bed(dovecot: dovecot, mta: mta)
        }

        /// A loop named `identity` delivering to the flow user (with `detail` on the recipient).
        func settings(
            _ identity: String, detail: String? = nil, deliveryTimeout: Duration = .seconds(20),
            lateAfter: Duration? = nil, smtpPassword: String? = nil, smtpHost: String? = nil
        ) throws -> MailFlowSettings {
            let flow = try MailAddress(mta.flowUser)
            let recipient = try detail.map { try flow.withDetail($0) } ?? flow
            let submission = SubmissionSettings(
                host: ServerHost(testHost: smtpHost ?? mta.host), port: mta.submissionPort, security: .startTLS,
                serverName: ServerHost(testHost: mta.tlsName), caFile: mta.caFile, username: mta.flowUser,
                password: Secret(smtpPassword ?? mta.flowPassword), clientName: "probe.example.test", sender: flow,
                recipients: [recipient], timeout: .seconds(10))
            let mailbox = ProbeSettings(
                host: ServerHost(testHost: dovecot.host), port: dovecot.imapPort, tlsMode: .starttls,
                caFile: dovecot.caFile,
                credentials: Credentials(username: mta.flowUser, secret: Secret(mta.flowPassword)), timeout: .seconds(10))
            return MailFlowSettings(
                identity: identity, submission: submission, mailbox: mailbox, deliveryTimeout: deliveryTimeout,
                pollInterval: .milliseconds(500), lateAfter: lateAfter)
        }

        /// The flow user's messages in `folder` whose token header contains `value`.
        func count(_ value: String, in folder: String = "INBOX") throws -> Int {
            try dovecot.doveadm("search -u \(mta.flowUser) mailbox \(folder) header X-Imapwatch-Probe \(value)")
                .split(separator: "\n").count
        }

        /// Saves a message with token header `token` straight into the flow user's `folder` (no MTA).
        func plant(token: String, in folder: String = "INBOX") throws {
            let message = ["From: <\(mta.flowUser)>", "Subject: planted", "X-Imapwatch-Probe: \(token)", "", "planted", ""]
            _ = try dovecot.doveadm("save -u \(mta.flowUser) -m \(folder) <<'END'\n\(message.joined(separator: "\n"))END")
        }

        /// Removes every message whose token header contains `value`, wherever the tests left it.
        func sweep(_ value: String) throws {
            for folder in ["INBOX", "Junk"] {
                _ = try dovecot.doveadm("expunge -u \(mta.flowUser) mailbox \(folder) header X-Imapwatch-Probe \(value)")
            }
        }
    }

    static func identity(_ name: String) -> String { "test-\(name)-\(UUID().uuidString.prefix(8))" }

    @Test("a delivered message: every phase of both sessions timed, found in INBOX, deleted, nothing else touched")
    func delivered() async throws {
        guard let bed = Bed.require() else { return }
        let settings = try bed.settings(Self.identity("delivered"))
        // A message of another loop and one of no loop, both of which the run must leave where they are.
        let other = LoopToken(identity: "another-loop", unixTime: 1_000_000_000)
        try bed.plant(token: other.description)
        let unrelated = "not-a-loop-" + UUID().uuidString.prefix(8)
        try bed.plant(token: unrelated)
        defer { try? bed.sweep(other.description); try? bed.sweep(unrelated) }

        let result = await loop.run(settings, keepingTranscript: true)
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.succeeded)
        let submission = try #require(result.submission)
        #expect(submission.phases.map(\.phase) == [.resolve, .connect, .greeting, .ehlo, .startTLS, .auth, .submit, .quit])
        let mailbox = try #require(result.mailbox)
        #expect(mailbox.phases.map(\.phase) == Phase.mailbox)
        // STARTTLS: no handshake of its own; Dovecot's greeting lists the capabilities.
        #expect(mailbox.outcome(of: .tlsHandshake) == .skipped(.notApplicable))
        #expect(mailbox.outcome(of: .capability) == .skipped(.alreadyKnown))
        for record in mailbox.phases where ![.resolve, .tlsHandshake, .capability].contains(record.phase) {
            guard case .succeeded(let duration) = record.outcome else {
                Issue.record("\(record.phase.rawValue): \(record.outcome)")
                continue
            }
            #expect(duration > .zero, "\(record.phase.rawValue)")
        }
        let delivery = try #require(result.delivery)
        #expect(delivery.folder == "INBOX")
        #expect(!result.inOtherFolder && !result.late && !result.lost)
        let delay = try #require(delivery.delay)
        #expect(delay > .zero && delay < .seconds(20))
        #expect(mailbox.outcome(of: .delivery) == .succeeded(delay))
        #expect(delivery.removed == 1 && delivery.staleFound == 0 && !delivery.cleanupIncomplete)
        #expect(delivery.missingFolders.isEmpty)
        #expect(try bed.count(result.token.description) == 0)
        #expect(try bed.count(other.description) == 1)
        #expect(try bed.count(unrelated) == 1)
        let transcript = mailbox.transcript.map(\.text).joined(separator: "\n")
        #expect(transcript.contains("UID SEARCH HEADER X-Imapwatch-Probe \"\(result.token.loopPrefix)\""))
        #expect(transcript.contains("UID EXPUNGE"))
        #expect(!transcript.contains(bed.mta.flowPassword))
        #expect(!submission.transcript.joined().contains(bed.mta.flowPassword))
    }

    @Test("over implicit TLS on both sides (465 and 993): delivered, each handshake timed, both certificates read")
    func implicitTLS() async throws {
        guard let bed = Bed.require() else { return }
        var settings = try bed.settings(Self.identity("implicit"))
        settings.submission.port = bed.mta.submissionsPort
        settings.submission.security = .implicitTLS
        settings.mailbox.port = bed.dovecot.imapsPort
        settings.mailbox.tlsMode = .implicit
        let result = await loop.run(settings)
        #expect(result.succeeded, "\(String(describing: result.failure))")
        #expect(result.submission?.phases.map(\.phase).contains(.tlsHandshake) == true)
        #expect(result.submission?.tls?.verification.isVerified == true)
        guard case .succeeded = result.mailbox?.outcome(of: .tlsHandshake) else {
            Issue.record("tls_handshake: \(String(describing: result.mailbox?.outcome(of: .tlsHandshake)))")
            return
        }
        #expect(result.mailbox?.outcome(of: .starttls) == .skipped(.notApplicable))
        #expect(result.delivery?.removed == 1)
    }

    @Test("a message filed into Junk is found there, a finding of its own, and deleted there")
    func filedIntoJunk() async throws {
        guard let bed = Bed.require() else { return }
        let result = await loop.run(try bed.settings(Self.identity("junk"), detail: "Junk"))
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.delivery?.folder == "Junk")
        #expect(result.inOtherFolder)
        #expect(result.delivery?.removed == 1)
        #expect(try bed.count(result.token.description, in: "Junk") == 0)
    }

    @Test("a message accepted and never delivered is lost at the deadline; the session still logs out")
    func lost() async throws {
        guard let bed = Bed.require() else { return }
        let started = ContinuousClock.now
        let result = await loop.run(try bed.settings(Self.identity("lost"), detail: "lost", deliveryTimeout: .seconds(3)))
        let elapsed = ContinuousClock.now - started
        #expect(result.lost)
        #expect(result.failure?.code == .mailLost && result.failure?.phase == "delivery")
        #expect(result.submission?.accepted == true)
        let mailbox = try #require(result.mailbox)
        guard case .failed(let waited, _) = mailbox.outcome(of: .delivery) else {
            Issue.record("delivery: \(String(describing: mailbox.outcome(of: .delivery)))")
            return
        }
        #expect(waited >= .seconds(3) && waited < .seconds(5))
        #expect(elapsed < .seconds(10))
        #expect((result.delivery?.rounds ?? 0) > 3)
        #expect(mailbox.outcome(of: .cleanup) == .skipped(.notRequested))
        if case .succeeded = mailbox.outcome(of: .logout) {} else { Issue.record("logout: \(String(describing: mailbox.outcome(of: .logout)))") }
    }

    @Test("a held message released after the late threshold arrives late: found, and flagged late")
    func late() async throws {
        guard let bed = Bed.require() else { return }
        let settings = try bed.settings(
            Self.identity("late"), detail: "held", deliveryTimeout: .seconds(30), lateAfter: .seconds(2))
        let release = Task {
            try await Task.sleep(for: .seconds(3))
            try bed.mta.releaseHeld()
        }
        let result = await loop.run(settings)
        try await release.value
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.late)
        let delay = try #require(result.delivery?.delay)
        #expect(delay > .seconds(3) && delay < .seconds(30))
        #expect(result.delivery?.removed == 1)
    }

    @Test("messages a crashed run left are deleted and counted; a recent one of the loop and other loops' stay")
    func crashLeftMessages() async throws {
        guard let bed = Bed.require() else { return }
        let identity = Self.identity("stale")
        let now = Int(Date().timeIntervalSince1970)
        let old = LoopToken(identity: identity, unixTime: now - 3600)
        let oldInJunk = LoopToken(identity: identity, unixTime: now - 7200)
        let recent = LoopToken(identity: identity, unixTime: now - 5)
        let otherLoop = LoopToken(identity: identity + "-other", unixTime: now - 3600)
        try bed.plant(token: old.description)
        try bed.plant(token: oldInJunk.description, in: "Junk")
        try bed.plant(token: recent.description)
        try bed.plant(token: otherLoop.description)
        defer { try? bed.sweep(recent.description); try? bed.sweep(otherLoop.description) }

        let result = await loop.run(try bed.settings(identity), keepingTranscript: true)
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        let delivery = try #require(result.delivery)
        #expect(delivery.staleFound == 2 && delivery.staleRemoved == 2)
        #expect(delivery.removed == 1)
        #expect(try bed.count(old.description) == 0)
        #expect(try bed.count(oldInJunk.description, in: "Junk") == 0)
        #expect(try bed.count(recent.description) == 1)
        #expect(try bed.count(otherLoop.description) == 1)
    }

    @Test("a mailbox the loop cannot log in to: nothing is submitted")
    func noLoginNoSubmission() async throws {
        guard let bed = Bed.require() else { return }
        var settings = try bed.settings(Self.identity("nologin"))
        settings.mailbox.credentials = Credentials(username: bed.mta.flowUser, secret: Secret(bed.mta.flowPassword + "-wrong"))
        let result = await loop.run(settings)
        #expect(result.submission == nil)
        #expect(result.failure?.code == .authFailed && result.failure?.phase == "login")
        #expect(try bed.count(result.token.description) == 0)
    }

    @Test("the mailbox session is logged in, and has surveyed the folders, before the message is accepted")
    func sessionOpensFirst() async throws {
        guard let bed = Bed.require() else { return }
        let result = await loop.run(try bed.settings(Self.identity("timing")))
        #expect(result.succeeded, "\(String(describing: result.failure))")
        let mailbox = try #require(result.mailbox)
        let acceptedUnix = try #require(result.acceptedUnix)
        let loginAt = try #require(Phase.mailbox.firstIndex(of: .login))
        let untilLogin = mailbox.phases.prefix(loginAt + 1).compactMap { $0.outcome.duration?.inSeconds }.reduce(0, +)
        #expect(acceptedUnix > mailbox.startedAt + untilLogin, "accepted before the mailbox session had logged in")
        #expect((result.delivery?.rounds ?? 0) >= 2, "the first round, the survey, runs before the acceptance")
        #expect((result.delivery?.delay ?? .zero) > .zero)
    }

    @Test("sent now, judged by a later look: the non-blocking mode's two halves")
    func sendThenLook() async throws {
        guard let bed = Bed.require() else { return }
        let settings = try bed.settings(Self.identity("split"))
        let sent = await loop.send(settings)
        #expect(sent.submission?.accepted == true)
        #expect(sent.mailbox == nil)
        try await Task.sleep(for: .seconds(1))
        let looked = await loop.look(for: sent.token, acceptedUnix: Date().timeIntervalSince1970 - 1, settings)
        #expect(looked.failure == nil, "\(String(describing: looked.failure))")
        #expect(looked.delivery?.folder == "INBOX")
        #expect(looked.delivery?.removed == 1)
        // Looked for again, long after its deadline: one round, and lost.
        let again = await loop.look(for: sent.token, acceptedUnix: Date().timeIntervalSince1970 - 600, settings)
        #expect(again.failure?.code == .mailLost)
        #expect(again.delivery?.rounds == 1)
    }

    @Test("refusals end the loop at the submission, with the server's reply: unknown recipient, one deferred, wrong password, untrusted certificate")
    func submissionRefusals() async throws {
        guard let bed = Bed.require() else { return }
        var unknown = try bed.settings(Self.identity("refused"))
        unknown.submission.recipients = [try MailAddress("nobody-here@example.test")]
        let refused = await loop.run(unknown)
        #expect(refused.failure?.code == .recipientRefused)
        #expect(refused.failure?.phase == "smtp_submit")
        #expect(refused.failure?.replyCode == 550)
        #expect(refused.mailbox?.outcome(of: .delivery) == .skipped(.notReached))
        #expect(refused.mailbox?.failure == nil)

        let deferred = await loop.run(try bed.settings(Self.identity("deferred"), detail: "deferred"))
        #expect(deferred.failure?.code == .recipientDeferred)
        #expect(deferred.failure?.replyCode == 450 && deferred.failure?.enhancedStatus == "4.2.0")
        #expect(deferred.mailbox?.outcome(of: .delivery) == .skipped(.notReached))

        let wrong = bed.mta.flowPassword + "-wrong"
        let denied = await loop.run(try bed.settings(Self.identity("denied"), smtpPassword: wrong))
        #expect(denied.failure?.code == .authFailed)
        #expect(denied.failure?.phase == "smtp_auth")
        #expect(!(denied.failure?.message.contains(wrong) ?? true))
        #expect(denied.mailbox?.outcome(of: .delivery) == .skipped(.notReached))

        let untrusted = await loop.run(try bed.settings(Self.identity("untrusted"), smtpHost: bed.mta.untrustedHost))
        #expect(untrusted.failure?.code == .certificateUntrusted)
        #expect(untrusted.failure?.phase == "smtp_starttls")
        #expect(untrusted.mailbox?.outcome(of: .delivery) == .skipped(.notReached))
    }
}
