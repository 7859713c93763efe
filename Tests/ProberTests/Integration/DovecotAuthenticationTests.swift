import Config
import Foundation
import Prober
import Testing

/// Logins against the real test Dovecot with a password that needs every kind of care: `"` and `\` (escaped in
/// a quoted string), a space, and 8-bit UTF-8 (a literal for LOGIN; raw bytes inside PLAIN's base64).
@Suite("Authentication against a real Dovecot", .serialized)
struct DovecotAuthenticationTests {
    let prober = Prober()

    @Test(
        "a password with '\"', '\\\\', a space and non-ASCII logs in with LOGIN and PLAIN, on 143 and 993",
        arguments: [AuthMechanism.login, .plain], [false, true])
    func awkwardPassword(mechanism: AuthMechanism, implicitTLS: Bool) async throws {
        guard let env = DovecotEnvironment.require() else { return }
        // The fixture must really hold what this test is about.
        #expect(env.quotedPassword.contains("\"") && env.quotedPassword.contains("\\"))
        #expect(env.quotedPassword.contains(" ") && env.quotedPassword.utf8.contains { $0 >= 0x80 })
        var settings = env.settings(
            port: implicitTLS ? env.imapsPort : env.imapPort, user: env.quotedUser, password: env.quotedPassword)
        settings.credentials?.mechanism = mechanism
        let result = await prober.probe(settings)
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.authMechanism == mechanism)
        guard case .succeeded? = result.outcome(of: .login) else {
            Issue.record("login: \(String(describing: result.outcome(of: .login)))")
            return
        }
        #expect(result.mailbox?.messages == 0)
        let command = mechanism == .login ? " LOGIN " : " AUTHENTICATE "
        let login = try #require(result.transcript.first { $0.direction == .client && $0.text.contains(command) })
        let shown = mechanism == .login ? "LOGIN \"\(env.quotedUser)\" <redacted>" : "AUTHENTICATE PLAIN <redacted>"
        #expect(login.text.hasSuffix(shown), "\(login.text)")
        let text = result.transcript.map(\.text).joined(separator: "\n")
        for piece in [env.quotedPassword, "pä", #"ss"\w0rd"#, #"ss\"\\w0rd"#] {
            #expect(!text.contains(piece), "the transcript shows \(piece)")
        }
    }

    @Test("the same password without its backslash is rejected: Dovecot compares the exact bytes",
        arguments: [AuthMechanism.login, .plain])
    func nearMissIsRejected(mechanism: AuthMechanism) async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let nearMiss = env.quotedPassword.replacingOccurrences(of: "\\", with: "")
        #expect(nearMiss != env.quotedPassword)
        var settings = env.settings(port: env.imapsPort, user: env.quotedUser, password: nearMiss)
        settings.credentials?.mechanism = mechanism
        let result = await prober.probe(settings)
        #expect(result.failure?.code == .authFailed, "\(String(describing: result.failure))")
        #expect(result.failure?.phase == .login)
    }
}

/// The bearer-token mechanisms against the real Dovecot. Without an OAuth2 service Dovecot 2.3 checks the token
/// like a password against the passdb (see `scripts/testbed.sh`), so the user's password is its token.
@Suite("Bearer tokens against a real Dovecot", .serialized)
struct DovecotBearerTokenTests {
    let prober = Prober()

    func settings(_ env: DovecotEnvironment, mechanism: AuthMechanism, token: String) -> ProbeSettings {
        var settings = env.settings(port: env.imapsPort, password: token)
        settings.credentials?.mechanism = mechanism
        return settings
    }

    @Test("XOAUTH2 and OAUTHBEARER log in with a valid token", arguments: [AuthMechanism.xoauth2, .oauthbearer])
    func validToken(mechanism: AuthMechanism) async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let result = await prober.probe(settings(env, mechanism: mechanism, token: env.password))
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.authMechanism == mechanism)
        #expect(result.mailbox?.messages == env.messageSizes.count)
        let name = mechanism.rawValue.uppercased()
        #expect(result.transcript.contains { $0.direction == .client && $0.text.hasSuffix("AUTHENTICATE \(name) <redacted>") })
        #expect(!result.transcript.contains { $0.text.contains(env.password) })
    }

    @Test(
        "a rejected token: Dovecot's JSON error challenge is acknowledged and the NO comes at once as auth_failed",
        arguments: [AuthMechanism.xoauth2, .oauthbearer])
    func rejectedToken(mechanism: AuthMechanism) async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let token = "not-the-token-\(UInt32.random(in: 0...UInt32.max))"
        let began = ContinuousClock.now
        let result = await prober.probe(settings(env, mechanism: mechanism, token: token))
        let elapsed = ContinuousClock.now - began
        let failure = try #require(result.failure)
        #expect(failure.code == .authFailed)
        #expect(failure.phase == .login)
        #expect(failure.message.hasSuffix("answered NO [AUTHENTICATIONFAILED]"), "\(failure.message)")
        #expect(elapsed < .seconds(5), "the NO, not the 10 s deadline, must end it; took \(elapsed)")
        // The server reported the error as a challenge (base64 JSON) and the client answered it.
        let challenge = try #require(result.transcript.first { $0.direction == .server && $0.text.hasPrefix("+ ey") })
        let index = try #require(result.transcript.firstIndex(of: challenge))
        #expect(result.transcript.dropFirst(index + 1).first?.direction == .client)
        #expect(!result.transcript.contains { $0.text.contains(token) })
    }
}
