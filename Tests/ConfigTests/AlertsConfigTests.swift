import Config
import Testing

/// The `alerts:` section and the per-target `alerting:` read into the model, every field.
@Suite struct AlertsConfigTests {
    @Test func everyFieldOfAFullSectionReachesTheModel() throws {
        let loaded = try Fixtures.load("valid-alerts.yml")
        let directory = try Fixtures.directory.path
        #expect(loaded.warnings.isEmpty)
        let alerting = try #require(loaded.alerting)
        #expect(alerting.groupWait == .seconds(60))
        #expect(alerting.queueCapacity == 500)
        #expect(alerting.receivers == [
            ReceiverConfiguration(
                name: "ops-slack", kind: .slack, url: .file(path: directory + "/secrets/test.url"),
                headers: [
                    .init(name: "X-Scope-OrgID", value: .inline(Secret("mail"))),
                    .init(name: "Authorization", value: .file(path: directory + "/secrets/test.header")),
                    .init(name: "X-Token", value: .environment(variable: "IMAPWATCH_TEST_PASSWORD")),
                ],
                connectTimeout: .seconds(3), timeout: .seconds(20)),
            ReceiverConfiguration(
                name: "push", kind: .ntfy, url: .environment(variable: "IMAPWATCH_TEST_WEBHOOK_URL"),
                topic: "imap-alerts"),
            ReceiverConfiguration(
                name: "opsgenie", kind: .template, url: .file(path: directory + "/secrets/test.url"),
                connectTimeout: .seconds(3), timeout: .seconds(3),
                templateFile: directory + "/templates/test.json.mustache",
                contentType: "application/json; charset=utf-8"),
        ])
        #expect(alerting.routes == [
            AlertRoute(receiver: "ops-slack", severities: ["critical"], match: ["team": ["mail", "infra"]]),
            AlertRoute(receiver: "push", severities: ["warning", "critical"]),
            AlertRoute(receiver: "opsgenie", match: ["condition": ["probe_failing"]]),
        ])
        #expect(alerting.receivers(severity: "critical", labels: ["team": "mail", "condition": "probe_failing"])
            == ["ops-slack", "push", "opsgenie"])
    }

    @Test func theTargetsGetTheirLayeredPolicies() throws {
        let loaded = try Fixtures.load("valid-alerts.yml")
        let mail = try #require(loaded.targets.first { $0.name == "mail" })
        #expect(mail.alertPolicy == AlertPolicy(
            failureThreshold: 2, successThreshold: 4, sendResolved: false, repeatInterval: .seconds(3600),
            minimumTLSVersion: .tls1_3, disabledConditions: ["slow_login", "quota_high"]))
        let plain = try #require(loaded.targets.first { $0.name == "plain" })
        #expect(plain.alertPolicy == AlertPolicy(
            failureThreshold: 2, repeatInterval: .seconds(3600), disabledConditions: ["logindisabled_absent"]))
    }

    @Test func noSectionMeansNoAlerting() throws {
        let loaded = try Fixtures.load("valid-minimal.yml")
        #expect(loaded.alerting == nil)
        #expect(loaded.targets.map(\.alertPolicy) == [AlertPolicy()])
    }

    @Test func theBuiltInValuesFillWhatTheFileLeavesOut() throws {
        let loaded = try Self.load("""
            alerts:
              receivers:
                - name: hook
                  type: webhook
                  url_file: secrets/test.url
                - name: short
                  type: discord
                  url_file: secrets/test.url
                  timeout: 2s
            """)
        let alerting = try #require(loaded.alerting)
        #expect(alerting.groupWait == AlertingConfiguration.defaultGroupWait)
        #expect(alerting.queueCapacity == AlertingConfiguration.defaultQueueCapacity)
        #expect(alerting.routes.isEmpty)
        #expect(alerting.receivers.map(\.timeout) == [ReceiverConfiguration.defaultTimeout, .seconds(2)])
        // Unset, the connect timeout never exceeds the whole timeout.
        #expect(alerting.receivers.map(\.connectTimeout) == [ReceiverConfiguration.defaultConnectTimeout, .seconds(2)])
        #expect(alerting.receivers.allSatisfy { $0.headers.isEmpty && $0.topic == nil && $0.contentType == nil })
    }

    @Test func aReceiverNoRouteNamesIsAWarning() throws {
        let loaded = try Self.load("""
            alerts:
              receivers:
                - name: routed
                  type: slack
                  url_file: secrets/test.url
                - name: forgotten
                  type: teams
                  url_file: secrets/test.url
              routes:
                - receiver: routed
            """)
        #expect(loaded.warnings.map(\.description) == [
            "a.yml:6:13: warning: receiver 'forgotten' gets no notification: no route names it (add a route to it, or remove it)"
        ])
        #expect(loaded.alerting?.receivers.map(\.name) == ["routed", "forgotten"])
    }

    @Test func everyKindOfReceiverLoads() throws {
        let receivers = ReceiverConfiguration.Kind.allCases.map { kind in
            var text = "    - name: \(kind.rawValue)\n      type: \(kind.rawValue)\n      url_file: secrets/test.url\n"
            if kind == .ntfy { text += "      topic: alerts\n" }
            if kind == .template { text += "      template_file: templates/test.json.mustache\n" }
            return text
        }
        let loaded = try Self.load("alerts:\n  receivers:\n" + receivers.joined())
        #expect(loaded.alerting?.receivers.map(\.kind) == ReceiverConfiguration.Kind.allCases)
    }

    /// Loads `yaml` as `a.yml` beside the fixtures' `secrets/` and `templates/`.
    static func load(_ yaml: String) throws -> LoadedConfiguration {
        try ConfigLoader(environment: Fixtures.environment)
            .load(yaml: yaml, file: "a.yml", baseDirectory: Fixtures.directory.path)
    }
}
