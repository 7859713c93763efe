import Config
import Foundation
import Prober
import SMTPProtocol
import Testing

/// The mail-flow loop's mailbox session against scripted servers: what Dovecot will not do (no UIDPLUS, a
/// search answer of thousands of messages, a close between two rounds) ends in the right phase, bounded, and never
/// with a plain EXPUNGE.
@Suite("The mail-flow loop's mailbox session against scripted servers")
struct HostileMailboxLoopTests {
    let loop = MailFlowProber()
    static let identity = "scripted-loop"

    static func settings(port: Int) throws -> MailFlowSettings {
        let address = try MailAddress("flow@example.test")
        let unused = SubmissionSettings(
            host: "127.0.0.1", port: 9, security: .startTLS, username: nil, password: nil, clientName: "probe.example.test",
            sender: address, recipients: [address], timeout: .seconds(3))
        let mailbox = ProbeSettings(
            host: "127.0.0.1", port: port, tlsMode: TLSMode.none,
            credentials: Credentials(username: "flow", secret: Secret("hunter2-secret")), allowPlaintextAuth: true,
            timeout: .seconds(3))
        return MailFlowSettings(
            identity: identity, submission: unused, mailbox: mailbox, deliveryTimeout: .seconds(2),
            pollInterval: .milliseconds(200))
    }

    /// Answers each command by its verb with `answer` (given the tag and the line), until LOGOUT or the client
    /// closes; the greeting and login are the usual ones.
    static func serve(
        _ connection: ScriptedConnection, capabilitiesAfterLogin: String = "IMAP4rev1 UIDPLUS",
        answer: @Sendable (String, String) -> String?
    ) async throws {
        try await connection.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] scripted server ready\r\n")
        while let line = try await connection.readLine() {
            let tag = String(line.prefix { $0 != " " })
            let command = line.dropFirst(tag.count + 1).uppercased()
            if command.hasPrefix("AUTHENTICATE") {
                try await connection.send("\(tag) OK [CAPABILITY \(capabilitiesAfterLogin)] Logged in\r\n")
            } else if command.hasPrefix("LOGOUT") {
                try await connection.send("* BYE bye\r\n\(tag) OK done\r\n")
                return
            } else if let text = answer(tag, command) {
                try await connection.send(text)
            } else {
                return
            }
        }
    }

    /// The answer to a UID FETCH of the token header of message `uid` carrying `token`.
    static func tokenFetch(uid: Int, token: String) -> String {
        let header = "X-Imapwatch-Probe: \(token)\r\n\r\n"
        return "* 1 FETCH (UID \(uid) BODY[HEADER.FIELDS (X-IMAPWATCH-PROBE)] {\(header.utf8.count)}\r\n\(header))\r\n"
    }

    @Test("no UIDPLUS: the message is marked \\Deleted and left, cleanup_incomplete, and no EXPUNGE of any kind is sent")
    func withoutUIDPlus() async throws {
        let token = LoopToken(identity: Self.identity, unixTime: Int(Date().timeIntervalSince1970))
        let server = try await ScriptedIMAPServer.start { connection in
            try await Self.serve(connection, capabilitiesAfterLogin: "IMAP4rev1") { tag, command in
                if command.hasPrefix("SELECT \"JUNK\"") { return "\(tag) NO [NONEXISTENT] no such mailbox\r\n" }
                if command.hasPrefix("SELECT") { return "* 1 EXISTS\r\n\(tag) OK [READ-WRITE] done\r\n" }
                if command.hasPrefix("UID SEARCH") { return "* SEARCH 7\r\n\(tag) OK done\r\n" }
                if command.hasPrefix("UID FETCH") { return Self.tokenFetch(uid: 7, token: token.description) + "\(tag) OK done\r\n" }
                if command.hasPrefix("UID STORE") { return "\(tag) OK done\r\n" }
                return "\(tag) BAD unexpected\r\n"
            }
        }
        let result = await loop.look(for: token, acceptedUnix: Date().timeIntervalSince1970 - 0.5, try Self.settings(port: server.port))
        await server.stop()
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        let delivery = try #require(result.delivery)
        #expect(delivery.folder == "INBOX")
        #expect(delivery.missingFolders == ["Junk"])
        #expect(delivery.cleanupIncomplete)
        #expect(delivery.removed == 0)
        #expect(server.receivedText.contains("UID STORE 7 +FLAGS.SILENT (\\Deleted)"))
        #expect(!server.receivedText.uppercased().contains("EXPUNGE"))
    }

    @Test("a search answering 5000 messages of the loop: the tokens of the newest 100 only are read, in one command")
    func surveyIsBounded() async throws {
        let token = LoopToken(identity: Self.identity, unixTime: Int(Date().timeIntervalSince1970))
        let server = try await ScriptedIMAPServer.start { connection in
            try await Self.serve(connection) { tag, command in
                if command.hasPrefix("SELECT") { return "* 5000 EXISTS\r\n\(tag) OK [READ-WRITE] done\r\n" }
                if command.hasPrefix("UID SEARCH") {
                    return "* SEARCH " + (1...5000).map(String.init).joined(separator: " ") + "\r\n\(tag) OK done\r\n"
                }
                if command.hasPrefix("UID FETCH") { return "\(tag) OK done\r\n" }
                return "\(tag) BAD unexpected\r\n"
            }
        }
        // Accepted long ago: a single round, then lost.
        let result = await loop.look(for: token, acceptedUnix: Date().timeIntervalSince1970 - 600, try Self.settings(port: server.port))
        await server.stop()
        #expect(result.failure?.code == .mailLost)
        #expect(result.delivery?.rounds == 1)
        let fetches = server.receivedText.split(separator: "\r\n").filter { $0.contains("UID FETCH") }
        #expect(fetches.count == 2)  // INBOX and Junk
        for fetch in fetches {
            #expect(fetch.contains("UID FETCH " + (4901...5000).map(String.init).joined(separator: ",") + " (INTERNALDATE BODY.PEEK"))
        }
        #expect(result.outcome(of: .cleanup) == .skipped(.notRequested))
    }

    @Test("a server that closes between two rounds fails delivery with connection_closed, at once")
    func closedWhilePaused() async throws {
        let token = LoopToken(identity: Self.identity, unixTime: Int(Date().timeIntervalSince1970))
        let server = try await ScriptedIMAPServer.start { connection in
            try await Self.serve(connection) { tag, command in
                if command.hasPrefix("SELECT \"JUNK\"") || command.hasPrefix("SELECT JUNK") { return nil }
                if command.hasPrefix("SELECT") { return "* 0 EXISTS\r\n\(tag) OK [READ-WRITE] done\r\n" }
                if command.hasPrefix("UID SEARCH") { return "* SEARCH\r\n\(tag) OK done\r\n" }
                return "\(tag) BAD unexpected\r\n"
            }
        }
        let started = ContinuousClock.now
        let result = await loop.look(for: token, acceptedUnix: Date().timeIntervalSince1970 - 0, try Self.settings(port: server.port))
        let elapsed = ContinuousClock.now - started
        await server.stop()
        #expect(result.failure?.code == .connectionClosed)
        #expect(result.failure?.phase == .delivery)
        #expect(elapsed < .seconds(2))
    }
}
