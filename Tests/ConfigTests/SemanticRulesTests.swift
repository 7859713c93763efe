import Config
import Prober
import Testing

@Suite struct SemanticRulesTests {
    /// Config keeps its own copy of the phase names (it must not import Prober); this keeps them equal.
    @Test func phaseNamesAreProbersPhases() {
        #expect(ThresholdSettings.phaseNames == Phase.probe.map(\.rawValue))
    }

    @Test func builtInThresholdsMatchProbersDefaults() {
        let config = ThresholdSettings()
        let prober = HealthThresholds()
        #expect(config.certificateDaysWarning == prober.certificateDaysWarning)
        #expect(config.certificateDaysCritical == prober.certificateDaysCritical)
        #expect(config.quotaPercentWarning == prober.quotaPercentWarning)
        #expect(config.quotaPercentCritical == prober.quotaPercentCritical)
    }

    @Test func validateReportsProblemsOfATargetBuiltInCode() {
        var target = TargetConfiguration(name: "t", interval: .seconds(5), settings: ProbeSettings(host: "h", port: 0))
        target.settings.fetchBytes = -1
        target.thresholds.quotaPercentWarning = 95
        target.login = LoginConfiguration(username: "u", secret: .environment(variable: "X"), mechanism: .xoauth2)
        #expect(target.validate() == [
            .portOutOfRange(port: 0),
            .timeoutNotBelowInterval(timeout: "10s", interval: "5s"),
            .valueOutOfRange(key: "fetch_bytes", value: "-1", bounds: "0...16777216"),
            .secretMechanismMismatch(secretKey: "password_env", mechanism: "xoauth2"),
            .thresholdOrder(
                key: "thresholds.quota_percent", warning: "95", critical: "90",
                rule: "percent used: warning must be at most critical"),
        ])
    }

    @Test(arguments: [
        ("timeout: 0s", "z.yml:2:12: timeout: 0s is out of range (more than 0s, at most 1d)"),
        ("timeout: 2d", "z.yml:2:12: timeout: 2d is out of range (more than 0s, at most 1d)"),
        ("fetch_bytes: -1", "z.yml:2:16: fetch_bytes: -1 is out of range (0...16777216)"),
    ])
    func boundsInDefaults(line: String, message: String) throws {
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader(environment: [:]).load(yaml: "defaults:\n  \(line)\n", file: "z.yml", baseDirectory: "/")
        }
        #expect(error.description == message)
    }

    @Test func aModuleMistakeIsReportedOnceForAllItsTargets() throws {
        let yaml = """
            modules:
              m:
                fetch_bytes: 99999999
            targets:
              - { name: a, host: h, module: m }
              - { name: b, host: h, module: m }
            """
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader(environment: [:]).load(yaml: yaml, file: "m.yml", baseDirectory: "/")
        }
        #expect(error.description == "m.yml:3:18: fetch_bytes: 99999999 is out of range (0...16777216)")
    }
}

/// Label names the exported metrics use themselves are refused at load, so no series ever carries one twice.
@Suite struct ReservedLabelTests {
    @Test(arguments: ["version", "cipher", "capability", "result", "revision", "phase", "root"])
    func metricLabelNamesAreReserved(name: String) throws {
        let yaml = "targets:\n  - name: t\n    host: h\n    labels:\n      \(name): x\n"
        do {
            _ = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "t.yml", baseDirectory: "/")
            Issue.record("label \(name) was accepted")
        } catch {
            #expect(error.description.hasPrefix("t.yml:5:7: label name '\(name)' is reserved"), "\(error)")
        }
    }
}
