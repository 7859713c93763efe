import Config
import Testing

/// `alerting:` in defaults, modules and targets, resolved key by key: target over module over defaults.
@Suite struct AlertPolicyLayeringTests {
    static let layered = """
        defaults:
          alerting:
            failure_threshold: 5
            tls_version_min: "1.3"
            disable: [logindisabled_absent]
        modules:
          relaxed:
            alerting:
              success_threshold: 1
              send_resolved: false
              tls_version_min: none
              disable: [slow_login, certificate_unverified]
          plain:
            tls: starttls
        targets:
          - name: from-defaults
            host: a.example.org
          - name: from-module
            host: b.example.org
            module: relaxed
          - name: module-inherits-defaults
            host: c.example.org
            module: plain
          - name: target-over-module
            host: d.example.org
            module: relaxed
            alerting:
              failure_threshold: 1
              repeat_interval: 0s
              tls_version_min: "1.2"
              disable: []
          - name: target-over-defaults
            host: e.example.org
            alerting:
              send_resolved: true
              disable: [quota_high]
        """

    static func policies(_ yaml: String) throws -> [String: AlertPolicy] {
        let loaded = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "l.yml", baseDirectory: "/")
        return Dictionary(uniqueKeysWithValues: loaded.targets.map { ($0.name, $0.alertPolicy) })
    }

    @Test func targetOverModuleOverDefaultsKeyByKey() throws {
        let policies = try Self.policies(Self.layered)
        let fourHours = Duration.seconds(4 * 3600)
        #expect(policies["from-defaults"] == AlertPolicy(
            failureThreshold: 5, successThreshold: 2, sendResolved: true, repeatInterval: fourHours,
            minimumTLSVersion: .tls1_3, disabledConditions: ["logindisabled_absent"]))
        #expect(policies["from-module"] == AlertPolicy(
            failureThreshold: 5, successThreshold: 1, sendResolved: false, repeatInterval: fourHours,
            minimumTLSVersion: nil, disabledConditions: ["slow_login", "certificate_unverified"]))
        #expect(policies["module-inherits-defaults"] == policies["from-defaults"])
        // `none` below is overridden by a version above; an empty list turns every condition back on.
        #expect(policies["target-over-module"] == AlertPolicy(
            failureThreshold: 1, successThreshold: 1, sendResolved: false, repeatInterval: .zero,
            minimumTLSVersion: .tls1_2, disabledConditions: []))
        #expect(policies["target-over-defaults"] == AlertPolicy(
            failureThreshold: 5, sendResolved: true, minimumTLSVersion: .tls1_3, disabledConditions: ["quota_high"]))
    }

    @Test func nothingSetIsTheBuiltInPolicy() throws {
        let policies = try Self.policies("defaults:\n  alerting:\ntargets:\n  - name: t\n    host: h\n    alerting: {}\n")
        #expect(policies == ["t": AlertPolicy()])
        #expect(AlertPolicy().minimumTLSVersion == .tls1_2)
    }

    @Test func adHocTargetsGetTheModulePolicyOverTheDefaults() throws {
        let loaded = try ConfigLoader(environment: [:]).load(yaml: Self.layered, file: "l.yml", baseDirectory: "/")
        let target = try #require(loaded.adHocTarget(name: "x", host: "h", port: nil, module: "relaxed"))
        #expect(target.alertPolicy.failureThreshold == 5)
        #expect(target.alertPolicy.minimumTLSVersion == nil)
    }

    @Test(arguments: ["slow_total", "slow_tls_handshake", "slow_logout", "probe_failing", "tls_version_low"])
    func everyConditionNameCanBeDisabled(name: String) throws {
        let policies = try Self.policies("targets:\n  - name: t\n    host: h\n    alerting:\n      disable: [\(name)]\n")
        #expect(policies["t"]?.disabledConditions == [name])
        #expect(AlertPolicy.allConditionNames.contains(name))
    }
}
