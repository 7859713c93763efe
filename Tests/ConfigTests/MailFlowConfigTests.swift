import Config
import Testing

/// A target's `mailflow:` mapping: read strictly, every problem with its file, line and column; resolved with the
/// target's host and login as the mailbox's and the built-in defaults.
@Suite struct MailFlowConfigTests {
    static func load(_ yaml: String) throws(ConfigError) -> LoadedConfiguration {
        try ConfigLoader(environment: ["FLOW_PW": "secret"]).load(yaml: yaml, file: "m.yml", baseDirectory: "/")
    }

    static func errors(_ yaml: String) -> [String] {
        configErrors(yaml, file: "m.yml", environment: ["FLOW_PW": "secret"])
    }

    @Test func aLoopResolvesWithItsDefaults() throws {
        let loaded = try Self.load("""
            targets:
              - name: loop
                host: imap.example.org
                tls: starttls
                username: flow@example.org
                password_env: FLOW_PW
                mailflow:
                  smtp_host: smtp.example.org
                  late_after: 30s
              - name: plain
                host: imap.example.org
            """)
        let loop = try #require(loaded.targets.first)
        let flow = try #require(loop.mailFlow)
        #expect(flow.host?.text == "smtp.example.org")
        #expect(flow.port == 587 && flow.tls == .starttls)
        #expect(flow.folders == ["INBOX", "Junk"])
        #expect(flow.wait == .seconds(120) && flow.lateAfter == .seconds(30))
        #expect(flow.login == nil)  // the target's login submits
        #expect(loop.interval == .seconds(300))  // a loop's built-in interval
        #expect(loaded.targets.last?.mailFlow == nil)
        #expect(loaded.targets.last?.interval == .seconds(60))
    }

    @Test func implicitTLSOn465AndItsOwnLogin() throws {
        let loaded = try Self.load("""
            targets:
              - name: loop
                host: imap.example.org
                username: flow@example.org
                password_env: FLOW_PW
                interval: 10m
                mailflow:
                  smtp_port: 465
                  smtp_username: submit@example.org
                  smtp_password_env: FLOW_PW
                  from: probe@example.org
                  to: flow+monitor@example.org
                  folders: [INBOX, Spam]
                  wait: 5m
            """)
        let flow = try #require(loaded.targets.first?.mailFlow)
        #expect(flow.tls == .implicit && flow.port == 465)
        #expect(flow.login?.username == "submit@example.org")
        #expect(flow.login?.secret == .environment(variable: "FLOW_PW"))
        #expect(flow.from == "probe@example.org" && flow.to == "flow+monitor@example.org")
        #expect(flow.folders == ["INBOX", "Spam"] && flow.wait == .seconds(300))
    }

    /// `config check` writes the loop out whole, without the mailbox keys a loop refuses, and what it writes
    /// loads again to the same loop.
    @Test func theEffectiveConfigurationRoundTrips() throws {
        let loaded = try Self.load("""
            targets:
              - name: loop
                host: imap.example.org
                username: flow@example.org
                password_env: FLOW_PW
                mailflow:
                  smtp_port: 465
                  smtp_username: submit@example.org
                  smtp_password_env: FLOW_PW
                  to: flow@example.org
                  late_after: 45s
            """)
        let text = loaded.redactedDescription
        #expect(text.contains("mailflow:"), "\(text)")
        #expect(!text.contains("fetch_bytes") && !text.contains("mailbox:"), "\(text)")
        let again = try Self.load(text)
        #expect(again.targets.first?.mailFlow == loaded.targets.first?.mailFlow)
        #expect(again.targets.first?.interval == .seconds(300))
        #expect(again.redactedDescription == text)
    }

    @Test func problemsNameTheirPlace() {
        let errors = Self.errors("""
            targets:
              - name: loop
                host: imap.example.org
                username: flow@example.org
                password_env: FLOW_PW
                fetch_bytes: 100
                mailflow:
                  smtp_port: 70000
                  smtp_tls: startls
                  to: "not an address"
                  folders: []
                  wait: 1m
                  late_after: 2m
                  smtp_usr: x
            """)
        #expect(errors.count == 7, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("m.yml:6:5: ") && $0.contains("fetch_bytes") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("m.yml:8:18: ") && $0.contains("70000") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("m.yml:9:17: ") && $0.contains("starttls") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("m.yml:10:11: ") && $0.contains("mailflow.to") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("m.yml:11:16: ") && $0.contains("mailflow.folders") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("m.yml:13:19: ") && $0.contains("mailflow.late_after") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("m.yml:14:7: ") && $0.contains("smtp_usr") && $0.contains("smtp_username") }, "\(errors)")
    }

    @Test func aLoopMustLogInAndFinishBeforeItsNextRun() {
        let errors = Self.errors("""
            targets:
              - name: loop
                host: imap.example.org
                username: flow@example.org
                password_env: FLOW_PW
                interval: 2m
                mailflow:
                  wait: 2m
              - name: anonymous
                host: imap.example.org
                mailflow: {}
            """)
        #expect(errors.contains { $0.hasPrefix("m.yml:8:7: ") && $0.contains("2 × timeout + mailflow.wait = 2m20s") }, "\(errors)")
        #expect(errors.contains { $0.contains("username") && $0.hasPrefix("m.yml:9:") }, "\(errors)")
    }
}
