import Config
import Foundation
import Testing

@Suite struct EffectiveConfigTests {
    @Test(arguments: ["valid-minimal.yml", "valid-overrides.yml", "valid-alerts.yml"])
    func theRenderingLoadsAgainToTheSameTargets(fixture: String) throws {
        let loaded = try Fixtures.load(fixture)
        let again = try ConfigLoader(environment: Fixtures.environment)
            .load(yaml: loaded.redactedDescription, file: "effective.yml", baseDirectory: "/")
        #expect(again.targets == loaded.targets)
        #expect(again.redactedDescription == loaded.redactedDescription)
    }

    @Test func minimalRenderingIsExact() throws {
        let loaded = try Fixtures.load("valid-minimal.yml")
        #expect(loaded.redactedDescription == """
            # effective configuration; secrets redacted
            targets:
            - name: mail
              host: mail.example.org
              port: 993
              interval: 1m
              tls: implicit
              insecure: false
              allow_plaintext_auth: false
              mailbox: INBOX
              select: false
              fetch_bytes: 1024
              require_message: false
              quota: true
              phase_histograms: false
              timeout: 10s
              thresholds:
                certificate_days:
                  warning: 20
                  critical: 10
                quota_percent:
                  warning: 80
                  critical: 90

            """)
    }

    @Test func stringsThatLookLikeOtherTypesAreQuoted() throws {
        let yaml = "targets:\n  - name: '123'\n    host: h\n    mailbox: 'null'\n    labels: { flag: 'true' }\n"
        let loaded = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "q.yml", baseDirectory: "/")
        let again = try ConfigLoader(environment: [:]).load(yaml: loaded.redactedDescription, file: "e.yml", baseDirectory: "/")
        #expect(again.targets == loaded.targets)
        #expect(loaded.redactedDescription.contains("name: \"123\""))
    }
}
