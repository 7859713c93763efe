import Config
import Foundation
import Testing

/// `--web.config.file`: the exporter-toolkit format, strictly, with exact messages for every error class.
@Suite struct WebConfigTests {
    static let alice = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi"
    static let bob = "$2b$04$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"

    func load(_ yaml: String) throws(ConfigError) -> WebConfiguration {
        try WebConfigLoader().load(yaml: yaml, file: "web.yml")
    }

    @Test func usersWithBcryptHashesLoad() throws {
        let web = try load(
            """
            # as node_exporter's
            basic_auth_users:
              alice: \(Self.alice)
              "bob": '\(Self.bob)'
              carol: "$2a$12$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"

            """)
        #expect(web.requiresAuthentication)
        #expect(web.basicAuthUsers.keys.sorted() == ["alice", "bob", "carol"])
        #expect(web.basicAuthUsers["alice"]?.text == Self.alice)
        #expect(web.basicAuthUsers["alice"].map { ($0.version, $0.cost) } ?? ("?", 0) == ("y", 10))
        #expect(web.basicAuthUsers["bob"]?.cost == 4)
        #expect(web.basicAuthUsers["carol"]?.version == "a")
    }

    @Test("an empty file, an empty mapping and a null section ask for no authentication", arguments: [
        "", "# nothing\n", "{}\n", "basic_auth_users:\n", "basic_auth_users: {}\n",
    ])
    func noUsersMeansNoAuthentication(yaml: String) throws {
        #expect(try load(yaml) == WebConfiguration())
        #expect(!(try load(yaml)).requiresAuthentication)
    }

    @Test func aHashShowsOnlyVersionAndCost() throws {
        let hash = try #require(BcryptHash(Self.alice))
        #expect(hash.description == "$2y$10$<redacted>")
        #expect(BcryptHash(Self.bob)?.description == "$2b$04$<redacted>")
    }

    static let invalid: [(yaml: String, message: String)] = [
        (
            "basic_auth_users:\n  alice: \(alice)\nbasic_auth_user: {}\n",
            "web.yml:3:1: unknown key 'basic_auth_user' in the web configuration (did you mean 'basic_auth_users'?)"
        ),
        (
            "listen: :9643\n",
            "web.yml:1:1: unknown key 'listen' in the web configuration (known keys: basic_auth_users, tls_server_config, http_server_config)"
        ),
        (
            "tls_server_config:\n  cert_file: /nonexistent/server.crt\n  key_file: /nonexistent/server.key\n",
            "web.yml:2:14: tls_server_config.cert_file: cannot read /nonexistent/server.crt: no such file (the file must exist and be readable by imapwatch when the configuration loads)\n"
                + "web.yml:3:13: tls_server_config.key_file: cannot read /nonexistent/server.key: no such file (the file must exist and be readable by imapwatch when the configuration loads)"
        ),
        (
            "http_server_config:\n  http2: false\n",
            "web.yml:1:1: http_server_config is not supported (imapwatch serves HTTP/1.1 with its own headers; remove http_server_config)"
        ),
        (
            "basic_auth_users:\n  alice: s3cret\n",
            "web.yml:2:10: basic_auth_users.alice: not a bcrypt hash (expected $2a$, $2b$ or $2y$, a cost from 04 to 31 and 53 characters, 60 in all, as `htpasswd -nB USER` prints after the colon)"
        ),
        (
            "basic_auth_users:\n  alice: $apr1$salt1234$0123456789abcdefghijkl\n",
            "web.yml:2:10: basic_auth_users.alice: not a bcrypt hash (expected $2a$, $2b$ or $2y$, a cost from 04 to 31 and 53 characters, 60 in all, as `htpasswd -nB USER` prints after the colon)"
        ),
        (
            "basic_auth_users:\n  alice: $2x$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi\n",
            "web.yml:2:10: basic_auth_users.alice: not a bcrypt hash (expected $2a$, $2b$ or $2y$, a cost from 04 to 31 and 53 characters, 60 in all, as `htpasswd -nB USER` prints after the colon)"
        ),
        (
            "basic_auth_users:\n  alice: $2y$03$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi\n",
            "web.yml:2:10: basic_auth_users.alice: not a bcrypt hash (expected $2a$, $2b$ or $2y$, a cost from 04 to 31 and 53 characters, 60 in all, as `htpasswd -nB USER` prints after the colon)"
        ),
        (
            "basic_auth_users:\n  alice: $2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeS\n",
            "web.yml:2:10: basic_auth_users.alice: not a bcrypt hash (expected $2a$, $2b$ or $2y$, a cost from 04 to 31 and 53 characters, 60 in all, as `htpasswd -nB USER` prints after the colon)"
        ),
        (
            "basic_auth_users:\n  \"al:ice\": \(alice)\n",
            "web.yml:2:3: basic_auth_users: user name 'al:ice' contains ':' (HTTP Basic credentials cannot carry ':' in a user name)"
        ),
        ("basic_auth_users:\n  \"\": \(alice)\n", "web.yml:2:3: a user name in basic_auth_users must not be empty"),
        (
            "basic_auth_users:\n  - alice\n",
            "web.yml:2:3: basic_auth_users: expected a mapping, found a sequence"
        ),
        (
            "basic_auth_users:\n  alice: [x]\n",
            "web.yml:2:10: basic_auth_users.alice: expected a string, found a sequence"
        ),
        (
            "basic_auth_users:\n  alice: \(alice)\n  alice: \(alice)\n",
            "web.yml:2:3: key 'alice' appears more than once in this mapping (each key may appear once per mapping)"
        ),
        (
            "basic_auth_users: [\n",
            "web.yml:2:1: invalid YAML: did not find expected node content (while parsing a flow node at 2:1)"
        ),
        ("- alice\n", "web.yml:1:1: the file: expected a mapping, found a sequence"),
    ]

    @Test(arguments: invalid)
    func invalidFileFailsWithExactMessage(yaml: String, message: String) throws {
        let error = try #require(throws: ConfigError.self) { try load(yaml) }
        #expect(error.description == message)
    }

    @Test func messagesNeverQuoteAHash() throws {
        let almost = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDe!i"
        let error = try #require(throws: ConfigError.self) { try load("basic_auth_users:\n  alice: '\(almost)'\n") }
        #expect(!error.description.contains("QOauh"))
    }

    @Test func everyErrorIsListed() throws {
        let error = try #require(throws: ConfigError.self) {
            try load("tls_server_config: {}\nbasic_auth_users:\n  a: x\n  b: y\n")
        }
        // tls_server_config without cert_file and without key_file: two errors at its key.
        #expect(error.diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["1:1", "1:1", "3:6", "4:6"])
    }

    @Test func theExampleFileLoads() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let example = repository.appendingPathComponent("packaging/web-config.example.yml")
        let web = try WebConfigLoader().load(path: example.path)
        #expect(web.basicAuthUsers.keys.sorted() == ["prometheus"])
        #expect(web.basicAuthUsers["prometheus"]?.cost == 10)
    }

    @Test func loadingByPathNamesThePath() throws {
        let folder = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("web.yml")
        try Data("basic_auth_users:\n  alice: \(Self.alice)\n".utf8).write(to: good)
        #expect(try WebConfigLoader().load(path: good.path).basicAuthUsers.count == 1)

        let bad = folder.appendingPathComponent("bad-web.yml")
        try Data("tls_server_config: {}\n".utf8).write(to: bad)
        let error = try #require(throws: ConfigError.self) { try WebConfigLoader().load(path: bad.path) }
        #expect(error.description.hasPrefix("\(bad.path):1:1: tls_server_config needs 'cert_file'"))

        let missing = folder.appendingPathComponent("missing.yml").path
        let unreadable = try #require(throws: ConfigError.self) { try WebConfigLoader().load(path: missing) }
        #expect(unreadable.description
            == "\(missing):1:1: web configuration: cannot read \(missing): no such file (the file must exist and be readable by imapwatch when the configuration loads)")
    }
}
