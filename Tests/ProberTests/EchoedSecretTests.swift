import Config
import Foundation
import IMAPProtocol
import Prober
import Testing

/// A hostile server that echoes the secret back in every form it can take: nothing of it reaches the result,
/// however the echo is wrapped (a combining mark after it, base64 at any alignment, a line longer than the
/// transcript keeps) or however the secret is made (a tab in it).
@Suite("A server echoing the secret in every form")
struct EchoedSecretTests {
    enum Echo: String, CaseIterable, Sendable {
        case rawWithCombiningMark, quoted, base64At0, base64At1, base64At2, longXOAUTH2Line, secretWithTab
    }

    static let token = "ya29." + String(repeating: "a0AfB_byC-token-0123456789", count: 28)

    /// The secret each case logs in with.
    static func secret(_ echo: Echo) -> String {
        switch echo {
        case .longXOAUTH2Line: token
        case .secretWithTab: "pass\tword-\(Int.random(in: 1000...9999))"
        default: "hunter2-\(Int.random(in: 1000...9999))-secret"
        }
    }

    /// What the server says back after reading the login line `line`.
    static func echo(_ echo: Echo, line: String, secret: String) -> String {
        let bytes = Array(secret.utf8)
        switch echo {
        case .rawWithCombiningMark: return "you sent \(secret)\u{301} (sic)"
        case .quoted: return #"you sent "\#(secret.replacing("\\", with: "\\\\").replacing("\"", with: "\\\""))""#
        case .base64At0: return "echo " + Data(bytes).base64EncodedString()
        case .base64At1: return "echo " + Data([7] + bytes + [1]).base64EncodedString()
        case .base64At2: return "echo " + Data([7, 8] + bytes).base64EncodedString()
        case .longXOAUTH2Line, .secretWithTab: return "you sent: \(line)"
        }
    }

    /// A search by bytes: `String.contains` compares characters, and a combining mark after an echo makes its
    /// last character another one.
    static func bytes(of text: String, contain needle: String) -> Bool {
        let haystack = Array(text.utf8)
        let needle = Array(needle.utf8)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test(arguments: Echo.allCases)
    func nothingOfTheSecretIsLeft(echo: Echo) async throws {
        let secret = Self.secret(echo)
        let mechanism: AuthMechanism? = echo == .longXOAUTH2Line ? .xoauth2 : .plain
        let server = try await ScriptedIMAPServer.start { connection in
            try await connection.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR] ready\r\n")
            guard let line = try await connection.readLine() else { return }
            let tag = line.split(separator: " ").first.map(String.init) ?? "*"
            let text = Self.echo(echo, line: line, secret: secret)
            try await connection.send("* OK \(text)\r\n\(tag) NO [AUTHENTICATIONFAILED] \(text)\r\n")
        }
        let settings = ProbeSettings(
            host: "127.0.0.1", port: server.port, tlsMode: TLSMode.none,
            credentials: Credentials(username: "monitor", secret: Secret(secret), mechanism: mechanism),
            allowPlaintextAuth: true, timeout: .seconds(5))
        let result = await Prober().probe(settings)
        await server.stop()
        let failure = try #require(result.failure)
        #expect(failure.code == .authFailed)
        let texts = result.transcript.map(\.text) + [failure.message, failure.serverText ?? "", result.greeting ?? ""]
        #expect(Self.bytes(of: failure.serverText ?? "", contain: "<redacted>"), "\(failure.serverText ?? "")")
        // No 12-character window of any form of the secret (its base64 at each alignment included) is left:
        // a cut line keeps no part of it either.
        let forms = SecretScrubber.forms(of: secret) + [secret.replacing("\t", with: " ")]
        for form in forms {
            let characters = Array(form)
            for start in 0...max(characters.count - 12, 0) {
                let window = String(characters[start..<min(start + 12, characters.count)])
                for text in texts where Self.bytes(of: text, contain: window) {
                    Issue.record("\(echo): '\(window)' of a form of the secret left in: \(text)")
                }
            }
        }
        #expect(result.transcript.allSatisfy { $0.text.count <= ResponseTranscript.lineLength + 1 })
    }

    /// One prober keeps the forms of each secret it has seen (building them is costly): a probe with another
    /// secret must still be redacted by its own, and a probe with the first secret again by the first.
    @Test func eachSecretIsRedactedByItsOwnFormsThroughOneProber() async throws {
        let server = try await ScriptedIMAPServer.start { connection in
            try await connection.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
            guard let line = try await connection.readLine() else { return }
            let tag = line.split(separator: " ").first.map(String.init) ?? "*"
            try await connection.send("\(tag) NO [AUTHENTICATIONFAILED] you sent: \(line)\r\n")
        }
        let prober = Prober()
        let secrets = ["first-\(Int.random(in: 1000...9999))-secret", "second-\(Int.random(in: 1000...9999))-secret"]
        for secret in secrets + secrets {
            let settings = ProbeSettings(
                host: "127.0.0.1", port: server.port, tlsMode: TLSMode.none,
                credentials: Credentials(username: "monitor", secret: Secret(secret), mechanism: .login),
                allowPlaintextAuth: true, timeout: .seconds(5))
            let result = await prober.probe(settings)
            let serverText = try #require(result.failure?.serverText)
            #expect(Self.bytes(of: serverText, contain: "<redacted>"), "\(serverText)")
            for text in result.transcript.map(\.text) + [serverText] {
                #expect(!Self.bytes(of: text, contain: secret), "\(secret) left in: \(text)")
            }
        }
        await server.stop()
    }
}
