import Config
import Foundation
import Testing

@Suite struct ValidConfigTests {
    @Test func minimalFileGetsTheBuiltInDefaults() throws {
        let loaded = try Fixtures.load("valid-minimal.yml")
        #expect(loaded.warnings.isEmpty)
        let target = try #require(loaded.targets.first)
        #expect(loaded.targets.count == 1)
        #expect(target.name == "mail")
        #expect(target.interval == .seconds(60))
        #expect(target.settings == ProbeSettings(host: "mail.example.org", port: 993, tlsMode: .implicit))
        #expect(target.login == nil)
        #expect(target.thresholds == ThresholdSettings())
        #expect(target.labels.isEmpty)
        #expect(target.validate().isEmpty)
    }

    @Test func targetKeysWinOverModuleKeysWhichWinOverDefaults() throws {
        let loaded = try Fixtures.load("valid-overrides.yml")
        let directory = try Fixtures.directory.path
        let inherits = try #require(loaded.targets.first { $0.name == "inherits" })
        #expect(inherits.module == "starttls_login")
        #expect(inherits.interval == .seconds(120))  // defaults
        #expect(inherits.settings.timeout == .seconds(15))  // module over defaults
        #expect(inherits.settings.mailbox == "Archive")  // defaults
        #expect(inherits.settings.tlsMode == .starttls)
        #expect(inherits.settings.port == 143)  // by TLS mode
        #expect(inherits.settings.credentials == nil)
        #expect(
            inherits.login
                == LoginConfiguration(username: "monitor", secret: .file(path: directory + "/secrets/test.password")))
        // Thresholds merge key by key: warning from defaults, critical from the module.
        #expect(inherits.thresholds.certificateDaysWarning == 30)
        #expect(inherits.thresholds.certificateDaysCritical == 7)
        #expect(inherits.thresholds.phases == ["login": DurationLimits(warning: .seconds(1), critical: .seconds(2))])

        let overrides = try #require(loaded.targets.first { $0.name == "overrides" })
        #expect(overrides.interval == .seconds(30))
        #expect(overrides.settings.timeout == .seconds(5))
        #expect(overrides.settings.port == 1143)
        #expect(overrides.settings.mailbox == "INBOX")
        #expect(overrides.login?.secret == .environment(variable: "IMAPWATCH_TEST_PASSWORD"))
        #expect(overrides.labels == [TargetLabel(name: "site", value: "fra1"), TargetLabel(name: "team", value: "mail")])
        #expect(
            overrides.thresholds.phases == ["login": DurationLimits(warning: .milliseconds(500), critical: .seconds(2))])
    }

    @Test func secretsAreReadAtProbeTime() throws {
        let loaded = try Fixtures.load("valid-overrides.yml")
        let inherits = try #require(loaded.targets.first { $0.name == "inherits" })
        let settings = try inherits.probeSettings(environment: [:])
        #expect(settings.credentials?.secret.exposedValue == "fixture-password")
        let overrides = try #require(loaded.targets.first { $0.name == "overrides" })
        #expect(
            try overrides.probeSettings(environment: Fixtures.environment).credentials?.secret.exposedValue
                == "fixture-env-password")
        #expect(throws: SecretReference.ReadError("environment variable IMAPWATCH_TEST_PASSWORD is not set or empty")) {
            try overrides.probeSettings(environment: [:])
        }
    }

    @Test func adHocTargetUsesTheModuleOverTheDefaults() throws {
        let loaded = try Fixtures.load("valid-overrides.yml")
        #expect(loaded.moduleNames == ["starttls_login"])
        let target = try #require(loaded.adHocTarget(name: "x", host: "imap.example.net", port: 10143, module: "starttls_login"))
        #expect(target.settings.host == "imap.example.net")
        #expect(target.settings.port == 10143)
        #expect(target.settings.timeout == .seconds(15))
        #expect(target.login?.username == "monitor")
        #expect(loaded.adHocTarget(name: "x", host: "h", port: nil, module: "nope") == nil)
    }

    @Test func theExampleFileLoadsWithItsSecretsBesideIt() throws {
        let text = try ExampleFile.text()
        let directory = try ExampleFile.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try ExampleFile.load(text, in: directory)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.targets.map(\.name) == ["mail-primary", "mail-secondary", "gmail-oauth", "legacy-greeting", "mail-flow"])
        let loop = try #require(loaded.targets.last?.mailFlow)
        #expect(loop.host?.text == "smtp.example.org" && loop.lateAfter == .seconds(30) && loop.folders == ["INBOX", "Junk"])
        #expect(loaded.moduleNames == ["imaps_login", "starttls_login", "oauth", "greeting_only"])
        #expect(!text.contains("\n    password:"))
        let secondary = try #require(loaded.targets.first { $0.name == "mail-secondary" })
        #expect(secondary.settings.port == 143)
        #expect(secondary.settings.fetchBytes == 0)
        #expect(secondary.interval == .seconds(30))
        #expect(secondary.thresholds.phases["starttls"] == DurationLimits(warning: .seconds(1), critical: .seconds(2)))
        #expect(secondary.thresholds.phases["login"] == DurationLimits(warning: .seconds(2), critical: .seconds(4)))
        let oauth = try #require(loaded.targets.first { $0.name == "gmail-oauth" })
        #expect(oauth.login?.mechanism == .xoauth2)
        #expect(loaded.targets.allSatisfy { !$0.phaseHistograms })  // the example spells out the default
        #expect(loaded.targets.allSatisfy { $0.validate().isEmpty })
        // One receiver of each type, every URL from a file, no route (every receiver gets everything).
        let alerting = try #require(loaded.alerting)
        #expect(alerting.receivers.map(\.kind) == ReceiverConfiguration.Kind.allCases)
        #expect(alerting.receivers.allSatisfy { if case .file = $0.url { true } else { false } })
        #expect(alerting.routes.isEmpty)
        #expect(alerting.receiver(named: "opsgenie")?.templateFile == directory.path + "/templates/example.json.mustache")
        #expect(!text.contains("\n      url:"))
    }

    @Test func theExampleFilesCommentedAlertingAndRoutesAreCorrect() throws {
        let text = try ExampleFile.text()
        let directory = try ExampleFile.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let uncommented = ExampleFile.uncommenting("routes", in: ExampleFile.uncommenting("alerting", in: text))
        #expect(uncommented.contains("\n  alerting:\n    failure_threshold: 3"))
        #expect(uncommented.contains("\n  routes:\n    - receiver: oncall-alertmanager"))
        let loaded = try ExampleFile.load(uncommented, in: directory)
        // The commented values are the built-in ones.
        #expect(loaded.targets.allSatisfy { $0.alertPolicy == AlertPolicy() })
        #expect(loaded.alerting?.routes == [
            AlertRoute(receiver: "oncall-alertmanager", severities: ["critical"]),
            AlertRoute(receiver: "ops-slack", severities: ["warning", "critical"], match: ["team": ["mail"]]),
        ])
        // With routes, each receiver no route names is a warning, as the comment says.
        #expect(loaded.warnings.count == ReceiverConfiguration.Kind.allCases.count - 2)
        #expect(loaded.warnings.allSatisfy { $0.problem.isWarning && $0.description.contains("no route names it") })
    }
}
