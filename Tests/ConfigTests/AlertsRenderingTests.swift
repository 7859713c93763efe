import Config
import Testing

/// `config check` shows the alerts section and each target's alert policy, secrets by reference only.
@Suite struct AlertsRenderingTests {
    @Test func theAlertsSectionRendersEveryKey() throws {
        let loaded = try Fixtures.load("valid-alerts.yml")
        let directory = try Fixtures.directory.path
        let text = loaded.redactedDescription
        let alerts = try #require(text.range(of: "\nalerts:\n")).lowerBound
        #expect(String(text[alerts...]) == """

            alerts:
              group_wait: 1m
              queue_capacity: 500
              receivers:
              - name: ops-slack
                type: slack
                url_file: \(directory)/secrets/test.url
                timeout: 20s
                connect_timeout: 3s
                headers:
                  X-Scope-OrgID: <redacted>
                  Authorization: {file: \(directory)/secrets/test.header}
                  X-Token: {env: IMAPWATCH_TEST_PASSWORD}
              - name: push
                type: ntfy
                url_env: IMAPWATCH_TEST_WEBHOOK_URL
                timeout: 10s
                connect_timeout: 5s
                topic: imap-alerts
              - name: opsgenie
                type: template
                url_file: \(directory)/secrets/test.url
                timeout: 3s
                connect_timeout: 3s
                template_file: \(directory)/templates/test.json.mustache
                content_type: application/json; charset=utf-8
              routes:
              - receiver: ops-slack
                severity: critical
                match:
                  team: [infra, mail]
              - receiver: push
                severity: [critical, warning]
              - receiver: opsgenie
                match:
                  condition: probe_failing

            """)
    }

    @Test func targetsShowTheirWholePolicyAndModulesWhatTheySet() throws {
        let text = try Fixtures.load("valid-alerts.yml").redactedDescription
        #expect(text.contains("""
            modules:
              quiet:
                alerting:
                  failure_threshold: 2
                  send_resolved: false
                  repeat_interval: 1h
                  tls_version_min: none
                  disable: [quota_high, slow_login]
            targets:
            """))
        #expect(text.contains("""
                  critical: 90
              alerting:
                failure_threshold: 2
                success_threshold: 4
                send_resolved: false
                repeat_interval: 1h
                tls_version_min: "1.3"
                disable: [quota_high, slow_login]
            - name: plain
            """))
        #expect(text.contains("""
              alerting:
                failure_threshold: 2
                success_threshold: 2
                send_resolved: true
                repeat_interval: 1h
                tls_version_min: "1.2"
                disable: [logindisabled_absent]
            alerts:
            """))
    }

    @Test func theRenderingLoadsAgainToTheSameAlerts() throws {
        let loaded = try Fixtures.load("valid-alerts.yml")
        let again = try ConfigLoader(environment: Fixtures.environment)
            .load(yaml: loaded.redactedDescription, file: "effective.yml", baseDirectory: "/")
        #expect(again.targets == loaded.targets)
        // A header value written in the file comes back as the placeholder; everything else is the same.
        var expected = try #require(loaded.alerting)
        expected.receivers[0].headers[0].value = .inline(Secret("<redacted>"))
        #expect(again.alerting == expected)
    }

    @Test func withoutAlertsOnlyAPolicyThatDiffersFromTheBuiltInIsShown() throws {
        let yaml = """
            targets:
              - name: usual
                host: a.example.org
              - name: patient
                host: b.example.org
                alerting: { failure_threshold: 10 }
            """
        let loaded = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "p.yml", baseDirectory: "/")
        let text = loaded.redactedDescription
        #expect(!text.contains("alerts:"))
        #expect(text.components(separatedBy: "  alerting:\n").count == 2)
        #expect(text.contains("  alerting:\n    failure_threshold: 10\n    success_threshold: 2\n"))
        #expect(text.hasSuffix("    tls_version_min: \"1.2\"\n    disable: []\n"))
        let again = try ConfigLoader(environment: [:]).load(yaml: text, file: "e.yml", baseDirectory: "/")
        #expect(again.targets == loaded.targets)
    }
}
