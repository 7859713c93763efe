import Config
import Foundation
import Prober

/// Probes whose login a test scripts against a `ScriptedIMAPServer`; the rest of the session is served for it.
///
/// The greeting carries the capabilities under test and a successful login answers `[CAPABILITY IMAP4rev1]`, so
/// after the login the client sends exactly `afterLogin`: an empty mailbox skips the fetch, no QUOTA skips quota.
///
/// The deadline is a generous 10 s: the whole suite runs many probes at once on few cores, and a test that checks
/// for "no hang" asserts a bound well below it instead.
struct LoginHarness {
    static let user = "monitor"
    static let password = "hunter2-secret"
    static let token = "ya29.a0AfB_byC-token.0123456789"
    /// What a client sends after a successful login.
    static let afterLogin = "A002 EXAMINE INBOX\r\nA003 LOGOUT\r\n"
    /// The client's transcript lines after a successful login.
    static let afterLoginTranscript = ["A002 EXAMINE INBOX", "A003 LOGOUT"]

    let prober = Prober()

    /// Runs a probe against a server greeting with `* OK [CAPABILITY IMAP4rev1 <capabilities>]`, then `login`,
    /// then the rest of the session; stops the server and returns how long the probe took.
    func probe(
        capabilities: String, credentials: Credentials, timeout: Duration = .seconds(10),
        login: @escaping ScriptedIMAPServer.Script
    ) async throws -> (result: ProbeResult, server: ScriptedIMAPServer, elapsed: Duration) {
        let server = try await ScriptedIMAPServer.start { connection in
            try await connection.send("* OK [CAPABILITY IMAP4rev1 \(capabilities)] scripted server ready\r\n")
            try await login(connection)
            try await Self.serveAfterLogin(connection)
        }
        let settings = ProbeSettings(
            host: "127.0.0.1", port: server.port, tlsMode: TLSMode.none, credentials: credentials,
            allowPlaintextAuth: true, timeout: timeout)
        let began = ContinuousClock.now
        let result = await prober.probe(settings)
        let elapsed = ContinuousClock.now - began
        await server.stop()
        return (result, server, elapsed)
    }

    /// Password credentials for `mechanism`.
    static func credentials(_ mechanism: AuthMechanism?, _ password: String = password) -> Credentials {
        Credentials(username: user, secret: Secret(password), mechanism: mechanism)
    }

    /// The successful answer to the login tagged `tag`.
    static func loggedIn(_ tag: String) -> String {
        "\(tag) OK [CAPABILITY IMAP4rev1] Logged in\r\n"
    }

    /// Accepts whatever login comes: answers `+` to an AUTHENTICATE without an initial response, reads that
    /// response, and says OK. Returns the lines read.
    @discardableResult
    static func acceptAnyLogin(_ connection: ScriptedConnection) async throws -> [String] {
        guard let line = try await connection.readLine() else { return [] }
        var lines = [line]
        let words = line.split(separator: " ")
        if words.count == 3, words[1].uppercased() == "AUTHENTICATE" {
            try await connection.send("+ \r\n")
            guard let response = try await connection.readLine() else { return lines }
            lines.append(response)
        }
        try await connection.send(loggedIn(String(words.first ?? "")))
        return lines
    }

    /// Answers EXAMINE (an empty mailbox), CAPABILITY and LOGOUT until the client closes or logs out.
    static func serveAfterLogin(_ connection: ScriptedConnection) async throws {
        while let line = try await connection.readLine() {
            let words = line.split(separator: " ")
            let tag = words.first.map(String.init) ?? "*"
            switch words.dropFirst().first?.uppercased() {
            case "EXAMINE", "SELECT":
                try await connection.send("* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n\(tag) OK [READ-ONLY] done\r\n")
            case "CAPABILITY":
                try await connection.send("* CAPABILITY IMAP4rev1\r\n\(tag) OK done\r\n")
            case "LOGOUT":
                try await connection.send("* BYE bye\r\n\(tag) OK done\r\n")
                return
            default:
                try await connection.send("\(tag) BAD not scripted\r\n")
            }
        }
    }

    /// Standard base64 by Foundation, independent of the encoder under test.
    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}

extension ProbeResult {
    /// What the transcript shows the client sending.
    var clientLines: [String] {
        transcript.filter { $0.direction == .client }.map(\.text)
    }

    /// The whole transcript as one text.
    var transcriptText: String {
        transcript.map(\.text).joined(separator: "\n")
    }
}
