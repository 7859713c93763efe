import Config
import Testing

/// One `invalid-*.yml` fixture per error class, each with the exact messages it must produce.
@Suite struct InvalidFixtureTests {
    static let cases: [(fixture: String, messages: [String])] = [
        ("invalid-syntax.yml", [
            "invalid-syntax.yml:4:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at 3:11)",
        ]),
        ("invalid-duplicate-key.yml", [
            "invalid-duplicate-key.yml:2:3: key 'interval' appears more than once in this mapping (each key may appear once per mapping)",
        ]),
        ("invalid-unknown-key.yml", [
            "invalid-unknown-key.yml:2:3: unknown key 'intervall' in defaults (did you mean 'interval'?)",
            "invalid-unknown-key.yml:6:5: unknown key 'colour' in target (known keys: name, host, port, module, labels, interval, mailflow, tls, auth, username, password_file, password_env, token_file, password, ca_file, sni, insecure, tls_min, allow_plaintext_auth, mailbox, select, fetch_bytes, require_message, quota, phase_histograms, timeout, thresholds, alerting)",
        ]),
        ("invalid-key-not-allowed.yml", [
            "invalid-key-not-allowed.yml:2:3: key 'username' is not allowed in defaults (set it in a module or a target)",
            "invalid-key-not-allowed.yml:5:5: key 'interval' is not allowed in module 'm' (set it in defaults or a target)",
        ]),
        ("invalid-missing-key.yml", ["invalid-missing-key.yml:2:5: a target needs 'host'"]),
        ("invalid-wrong-type.yml", [
            "invalid-wrong-type.yml:2:16: fetch_bytes: expected an integer, found the quoted string '1024' (write digits, without quotes)",
            "invalid-wrong-type.yml:3:10: quota: expected true or false, found 'yes' (write true or false, without quotes)",
            "invalid-wrong-type.yml:4:12: mailbox: expected a string, found a sequence",
        ]),
        ("invalid-phase-histograms.yml", [
            "invalid-phase-histograms.yml:2:21: phase_histograms: expected true or false, found 'maybe' (write true or false, without quotes)",
            "invalid-phase-histograms.yml:5:5: unknown key 'phase_histogram' in module 'm' (did you mean 'phase_histograms'?)",
            "invalid-phase-histograms.yml:10:23: phase_histograms: expected true or false, found the quoted string 'false' (write true or false, without quotes)",
        ]),
        ("invalid-empty-value.yml", ["invalid-empty-value.yml:3:11: host must not be empty"]),
        ("invalid-duration.yml", [
            "invalid-duration.yml:2:13: interval: '60' is not a duration: the number 60 has no unit (durations look like 500ms, 30s, 1m, 1h30m)",
            "invalid-duration.yml:3:12: timeout: '1.5s' is not a duration: unexpected '.' (durations look like 500ms, 30s, 1m, 1h30m)",
        ]),
        ("invalid-choice.yml", [
            "invalid-choice.yml:3:10: tls: 'implicitt' is not a valid value (did you mean 'implicit'? one of implicit, starttls, none)",
            "invalid-choice.yml:4:11: auth: 'kerberos' is not a valid value (one of login, plain, xoauth2, oauthbearer)",
        ]),
        ("invalid-value-out-of-range.yml", [
            "invalid-value-out-of-range.yml:2:16: fetch_bytes: 16777217 is out of range (0...16777216)",
            "invalid-value-out-of-range.yml:5:17: thresholds.quota_percent.critical: 120 is out of range (0...100)",
        ]),
        ("invalid-port.yml", ["invalid-port.yml:4:11: port 70000 is out of range 1...65535"]),
        ("invalid-duplicate-target.yml", [
            "invalid-duplicate-target.yml:4:11: duplicate target name 'a' (first defined on line 2; target names must be unique)",
        ]),
        ("invalid-unknown-module.yml", [
            "invalid-unknown-module.yml:7:13: unknown module 'imap_login' (did you mean 'imaps_login'?)",
        ]),
        ("invalid-label-name.yml", [
            "invalid-label-name.yml:5:7: '1site' is not a valid Prometheus label name (use letters, digits and '_', not starting with a digit or '__')",
            "invalid-label-name.yml:6:7: '__meta' is not a valid Prometheus label name (use letters, digits and '_', not starting with a digit or '__')",
        ]),
        ("invalid-reserved-label.yml", [
            "invalid-reserved-label.yml:5:7: label name 'host' is reserved (imapwatch sets target, host, port, tls, phase, reason, root, version, cipher, capability, result and revision itself, and le and quantile belong to the metrics format; choose another name)",
            "invalid-reserved-label.yml:9:7: label name 'le' is reserved (imapwatch sets target, host, port, tls, phase, reason, root, version, cipher, capability, result and revision itself, and le and quantile belong to the metrics format; choose another name)",
        ]),
        ("invalid-secret-file.yml", [
            "invalid-secret-file.yml:5:20: password_file: cannot read secrets/missing.password: no such file (the file must exist and be readable by imapwatch when the configuration loads)",
        ]),
        ("invalid-secret-env.yml", [
            "invalid-secret-env.yml:5:19: password_env: environment variable IMAPWATCH_UNSET_VARIABLE is not set or empty (export it in the service's environment, or use password_file)",
        ]),
        ("invalid-conflicting-secrets.yml", [
            "invalid-conflicting-secrets.yml:5:19: password_env conflicts with password_file in the same mapping (give only one of password_file, password_env, token_file, password)",
        ]),
        ("invalid-incomplete-credentials.yml", [
            "invalid-incomplete-credentials.yml:4:15: credentials without a secret (add password_file, password_env or token_file)",
        ]),
        ("invalid-secret-mechanism.yml", [
            "invalid-secret-mechanism.yml:6:17: token_file does not fit auth plain (token_file needs auth: xoauth2 or oauthbearer)",
        ]),
        ("invalid-plaintext-credentials.yml", [
            "invalid-plaintext-credentials.yml:3:10: tls: none would send credentials unencrypted (use tls: starttls or implicit, or set allow_plaintext_auth: true)",
        ]),
        ("invalid-timeout-interval.yml", [
            "invalid-timeout-interval.yml:6:15: timeout 30s is not less than interval 20s (a probe must finish before the next one is due)",
        ]),
        ("invalid-threshold-order.yml", [
            "invalid-threshold-order.yml:4:16: thresholds.certificate_days: warning 5 and critical 10 are in the wrong order (days left: warning must be at least critical)",
            "invalid-threshold-order.yml:9:27: thresholds.phases.login: warning 3s and critical 2s are in the wrong order (durations: warning must be at most critical)",
        ]),
        ("invalid-inline-url.yml", [
            "invalid-inline-url.yml:8:7: url is not accepted in the configuration file: webhook URLs carry tokens (put the URL in a file named by url_file, or in an environment variable named by url_env)",
        ]),
        ("invalid-receiver-url.yml", [
            "invalid-receiver-url.yml:3:7: receiver 'neither' needs 'url_file' or 'url_env' (webhook URLs carry tokens, so the URL is read from a file or a variable)",
            "invalid-receiver-url.yml:8:16: url_env conflicts with url_file in the same mapping (give only one of url_file, url_env)",
        ]),
        ("invalid-duplicate-receiver.yml", [
            "invalid-duplicate-receiver.yml:6:13: duplicate receiver name 'ops' (first defined on line 3; receiver names must be unique)",
        ]),
        ("invalid-unknown-receiver.yml", [
            "invalid-unknown-receiver.yml:7:17: unknown receiver 'ops-slak' (did you mean 'ops-slack'?)",
        ]),
        ("invalid-receiver-type-key.yml", [
            "invalid-receiver-type-key.yml:6:7: topic does not apply to a receiver of type slack (only type ntfy takes topic)",
            "invalid-receiver-type-key.yml:7:7: receiver 'push' of type ntfy needs 'topic'",
        ]),
        ("invalid-connect-timeout.yml", [
            "invalid-connect-timeout.yml:7:24: connect_timeout 10s is more than timeout 5s (the connection is part of the attempt that timeout bounds)",
        ]),
        ("invalid-receiver-name.yml", [
            "invalid-receiver-name.yml:3:13: name: 'ops slack' is not a valid receiver name (use letters, digits, '_', '.' and '-')",
            "invalid-receiver-name.yml:7:9: headers: 'X Scope' is not a valid HTTP header name (use letters, digits and !#$%&'*+-.^_`|~)",
        ]),
        ("invalid-reserved-header.yml", [
            "invalid-reserved-header.yml:7:9: headers: 'content-type' is set by imapwatch (imapwatch sets Content-Type, Content-Length and Host itself; a template receiver's body type is its content_type)",
        ]),
        ("invalid-header-value.yml", [
            "invalid-header-value.yml:7:24: headers.Authorization: the value is not one line of text (a header value may not hold a line break or another control character)",
        ]),
    ]

    @Test(arguments: cases)
    func fixtureFailsWithExactMessages(fixture: String, messages: [String]) throws {
        let error = try #require(try Fixtures.error(fixture), "\(fixture) loaded but must not")
        #expect(error.diagnostics.map(\.description) == messages)
        #expect(error.description == messages.joined(separator: "\n"))
    }

    @Test func everyErrorClassHasItsOwnFixture() throws {
        let fixtures = Set(Self.cases.map(\.fixture))
        #expect(fixtures.count == Self.cases.count)
        var kinds: Set<String> = []
        for (fixture, _) in Self.cases {
            let error = try #require(try Fixtures.error(fixture))
            kinds.formUnion(error.diagnostics.map(Self.kind))
        }
        #expect(kinds.count == 32)
    }

    @Test func loadingByPathNamesThePathAsGiven() throws {
        let path = try Fixtures.directory.appendingPathComponent("invalid-port.yml").path
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader(environment: [:]).load(path: path)
        }
        #expect(error.description == "\(path):4:11: port 70000 is out of range 1...65535")
    }

    @Test func allErrorsAreCollectedUpToTheLimit() throws {
        let targets = (1...30).map { "  - name: t\($0)\n    host: h\n    port: 0\n" }.joined()
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader(environment: [:]).load(yaml: "targets:\n" + targets, file: "many.yml", baseDirectory: "/")
        }
        #expect(error.diagnostics.count == 20)
        #expect(error.omitted == 10)
        #expect(error.diagnostics.first?.description == "many.yml:4:11: port 0 is out of range 1...65535")
        #expect(error.description.hasSuffix("\n... and 10 more errors"))
    }

    @Test func anEmptyFileIsAnError() throws {
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader(environment: [:]).load(yaml: "", file: "empty.yml", baseDirectory: "/")
        }
        #expect(error.description == "empty.yml:1:1: the file: expected a mapping, found an empty document")
    }

    /// The case name of a problem, to count the classes the fixtures cover.
    static func kind(_ diagnostic: ConfigDiagnostic) -> String {
        String(String(describing: diagnostic.problem).prefix { $0 != "(" })
    }
}
