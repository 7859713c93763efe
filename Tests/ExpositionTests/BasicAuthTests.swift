import BlockingWork
import Config
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import TestSupport
import Testing

@testable import Exposition

/// `--web.config.file` enforcement: the middleware on every route, with hashes made by Apache's htpasswd.
@Suite struct BasicAuthTests {
    static let password = "correct horse battery staple"

    /// A router app whose only user is `alice`, with a `$2y$` hash from `htpasswd -nbBC 10`.
    struct Setup {
        let authenticator: BasicAuthenticator
        let app: any ApplicationProtocol

        init(users: [String: BcryptHash]) {
            authenticator = BasicAuthenticator(configuration: WebConfiguration(basicAuthUsers: users))
            let router = MetricsRouter(
                metrics: ProbeMetrics(registry: PrometheusCollectorRegistry()), readiness: Readiness(ready: true),
                version: "9.8.7", authenticator: authenticator)
            app = MetricsApplication.make(router: router, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
        }
    }

    /// `user:password` as a Basic `Authorization` value.
    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    static func aliceHash() throws -> BcryptHash? {
        guard let htpasswd = Htpasswd.require() else { return nil }
        let text = try htpasswd.bcryptHash(user: "alice", password: password, cost: 10)
        let hash = try #require(BcryptHash(text), "htpasswd made \(text)")
        return hash
    }

    @Test func everyEndpointNeedsCredentials() async throws {
        guard let hash = try Self.aliceHash() else { return }
        let setup = Setup(users: ["alice": hash])
        try await setup.app.test(.router) { client in
            for path in ["/metrics", "/-/healthy", "/-/ready", "/", "/nothing-here"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(path)")
                    #expect(response.headers[.wwwAuthenticate] == #"Basic realm="imapwatch""#, "\(path)")
                }
            }
        }
    }

    @Test func rightPasswordPassesWrongOrUnknownDoNot() async throws {
        guard let hash = try Self.aliceHash() else { return }
        let setup = Setup(users: ["alice": hash])
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get, headers: Self.basic("alice", Self.password)) {
                #expect($0.status == .ok)
                #expect($0.headers[.contentType] == MetricsRouter.metricsContentType)
            }
            // Cached now: the same credentials pass again.
            try await client.execute(uri: "/-/ready", method: .get, headers: Self.basic("alice", Self.password)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/", method: .get, headers: Self.basic("alice", Self.password)) {
                #expect($0.status == .ok)
                #expect($0.headers[.contentType] == "text/html; charset=utf-8")
            }
            let refused: [HTTPFields] = [
                Self.basic("alice", "wrong"),
                Self.basic("alice", Self.password + "x"),
                Self.basic("alice", Self.password + "\u{0}x"),
                Self.basic("bob", Self.password),
                Self.basic("ALICE", Self.password),
                [.authorization: "Bearer abc"],
                [.authorization: "Basic not-base64!"],
                [.authorization: "Basic " + Data("no-colon".utf8).base64EncodedString()],
            ]
            for headers in refused {
                try await client.execute(uri: "/metrics", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized, "\(headers)")
                    #expect(response.headers[.wwwAuthenticate] == #"Basic realm="imapwatch""#)
                }
            }
        }
    }

    @Test func withoutUsersEverythingIsOpenAndReplaceTurnsAuthenticationOn() async throws {
        guard let hash = try Self.aliceHash() else { return }
        let setup = Setup(users: [:])
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/-/healthy", method: .get) { #expect($0.status == .ok) }
            setup.authenticator.replace(with: WebConfiguration(basicAuthUsers: ["alice": hash]))
            try await client.execute(uri: "/-/healthy", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/-/healthy", method: .get, headers: Self.basic("alice", Self.password)) {
                #expect($0.status == .ok)
            }
            setup.authenticator.replace(with: WebConfiguration())
            try await client.execute(uri: "/-/healthy", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func aCachedPasswordStopsWorkingWhenTheHashIsReplaced() async throws {
        guard let htpasswd = Htpasswd.require(), let hash = try Self.aliceHash() else { return }
        let authenticator = BasicAuthenticator(configuration: WebConfiguration(basicAuthUsers: ["alice": hash]))
        #expect(await authenticator.verify(user: "alice", password: Self.password) == .granted)
        #expect(await authenticator.verify(user: "alice", password: Self.password) == .granted)
        let other = try #require(BcryptHash(try htpasswd.bcryptHash(password: "new password", cost: 4)))
        authenticator.replace(with: WebConfiguration(basicAuthUsers: ["alice": other]))
        #expect(await authenticator.verify(user: "alice", password: Self.password) == .denied)
        #expect(await authenticator.verify(user: "alice", password: "new password") == .granted)
    }

    /// When the auth executor is full, a check is `.busy` at once (the middleware's 503) instead of waiting, and
    /// a password already verified passes without a place. The executor is filled with work that waits for the
    /// test, so the outcome does not depend on how long a bcrypt takes.
    @Test func checksBeyondTheExecutorsBoundAreBusyAtOnceAndACachedSuccessStillPasses() async throws {
        let hash = try #require(BcryptHash("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
        let executor = BlockingExecutor(name: "auth", concurrency: 1, queueLimit: 1)
        let authenticator = BasicAuthenticator(configuration: WebConfiguration(basicAuthUsers: ["u": hash]), executor: executor)
        #expect(await authenticator.verify(user: "u", password: "U*U") == .granted)
        // Its thread gives the place back just after the answer.
        let idle = ContinuousClock.now.advanced(by: .seconds(5))
        while executor.statistics.running > 0, ContinuousClock.now < idle { try await Task.sleep(for: .milliseconds(2)) }

        let gate = Gate()
        defer { gate.release() }
        let filling = (0..<2).map { _ in Task { try await executor.run { gate.wait() } } }
        let end = ContinuousClock.now.advanced(by: .seconds(5))
        while executor.statistics != .init(running: 1, queued: 1), ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(await authenticator.verify(user: "u", password: "U*U") == .granted)
        #expect(await authenticator.verify(user: "u", password: "U*V") == .busy)
        #expect(await authenticator.verify(user: "mallory", password: "guess") == .busy)
        #expect(executor.statistics.rejected == 2)
        gate.release()
        for task in filling { try await task.value }
        #expect(await authenticator.verify(user: "u", password: "U*V") == .denied)
    }

    /// crypt_blowfish's published test vector for `$2a$` (no tool needed).
    @Test func publicTestVectorFor2a() async throws {
        let hash = try #require(BcryptHash("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
        let authenticator = BasicAuthenticator(configuration: WebConfiguration(basicAuthUsers: ["u": hash]))
        #expect(await authenticator.verify(user: "u", password: "U*U") == .granted)
        #expect(await authenticator.verify(user: "u", password: "U*V") == .denied)
    }

    @Test func twoYIsCheckedAsTwoB() throws {
        let y = try #require(BcryptHash("$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi"))
        #expect(BasicAuthenticator.verifiable(y) == "$2b$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi")
        let a = try #require(BcryptHash("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
        #expect(BasicAuthenticator.verifiable(a) == a.text)
    }

    @Test func anUnknownUserCostsABcryptAtTheHighestConfiguredCost() throws {
        let low = try #require(BcryptHash("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
        let high = try #require(BcryptHash("$2y$12$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi"))
        let dummy = BasicAuthenticator.dummyHash(for: WebConfiguration(basicAuthUsers: ["a": low, "b": high]))
        #expect(BcryptHash(dummy)?.cost == 12)
        #expect(BcryptHash(BasicAuthenticator.dummyHash(for: WebConfiguration(basicAuthUsers: ["a": low])))?.cost == 5)
        #expect(BcryptHash(BasicAuthenticator.dummyHash(for: WebConfiguration()))?.cost == 10)
    }

    @Test func credentialsParsing() throws {
        let encoded = Data("alice:pa:ss word".utf8).base64EncodedString()
        let credentials = try #require(BasicCredentials(authorization: "basic \(encoded)"))
        #expect(credentials.user == "alice")
        #expect(credentials.password == "pa:ss word")
        #expect(!credentials.description.contains("pa:ss"))
        #expect(BasicCredentials(authorization: nil) == nil)
        #expect(BasicCredentials(authorization: "Basic") == nil)
    }

    /// FIPS 180-4 examples.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func sha256(message: String, digest: String) {
        let hex = SHA256.digest(Array(message.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(hex == digest)
    }
}
