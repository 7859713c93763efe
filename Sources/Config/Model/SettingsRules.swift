/// The semantic checks on one set of probe settings, shared by the loader and `TargetConfiguration.validate()`.
///
/// Each violation names the setting keys it involves (YAML paths such as `timeout` or
/// `thresholds.quota_percent.warning`), so the loader can point at whichever of them the file set last.
struct SettingsRules {
    /// The values checked; `interval` and `port` are `nil` where they do not apply (a module has no interval).
    struct Input {
        var port: Int?
        var tlsMode: TLSMode?
        var interval: Duration?
        var timeout: Duration
        var fetchBytes: Int
        var username: String?
        var secretKey: String?
        var mechanism: AuthMechanism?
        var allowPlaintextAuth: Bool
        var thresholds: ThresholdSettings
    }

    /// One broken rule and the keys it involves, most relevant first.
    struct Violation {
        var problem: ConfigProblem
        var keys: [String]
    }

    static let maximumTimeout = ProbeSettings.maxTimeout
    static let fetchBytesRange = 0...ProbeSettings.maxFetchBytes

    /// Every broken rule of `input`.
    static func violations(of input: Input) -> [Violation] {
        var found: [Violation] = []
        if let port = input.port, !(1...65_535).contains(port) {
            found.append(Violation(problem: .portOutOfRange(port: port), keys: ["port"]))
        }
        if input.timeout <= .zero || input.timeout > maximumTimeout {
            let problem = ConfigProblem.valueOutOfRange(
                key: "timeout", value: PrometheusDuration.format(input.timeout), bounds: "more than 0s, at most 1d")
            found.append(Violation(problem: problem, keys: ["timeout"]))
        }
        if let interval = input.interval {
            if interval <= .zero {
                let problem = ConfigProblem.valueOutOfRange(
                    key: "interval", value: PrometheusDuration.format(interval), bounds: "more than 0s")
                found.append(Violation(problem: problem, keys: ["interval"]))
            } else if input.timeout >= interval, input.timeout > .zero {
                let problem = ConfigProblem.timeoutNotBelowInterval(
                    timeout: PrometheusDuration.format(input.timeout), interval: PrometheusDuration.format(interval))
                found.append(Violation(problem: problem, keys: ["timeout", "interval"]))
            }
        }
        if !fetchBytesRange.contains(input.fetchBytes) {
            let problem = ConfigProblem.valueOutOfRange(
                key: "fetch_bytes", value: String(input.fetchBytes), bounds: "0...\(ProbeSettings.maxFetchBytes)")
            found.append(Violation(problem: problem, keys: ["fetch_bytes"]))
        }
        found += credentialViolations(of: input)
        found += thresholdViolations(of: input.thresholds)
        return found
    }

    private static func credentialViolations(of input: Input) -> [Violation] {
        var found: [Violation] = []
        switch (input.username, input.secretKey) {
        case (nil, nil):
            return []
        case (_?, nil):
            found.append(Violation(problem: .incompleteCredentials(missing: "a secret"), keys: ["username"]))
        case (nil, _?):
            found.append(Violation(problem: .incompleteCredentials(missing: "username"), keys: ["secret"]))
        case (_?, let key?):
            let bearer = input.mechanism?.usesBearerToken ?? false
            if (key == "token_file") != bearer {
                let problem = ConfigProblem.secretMechanismMismatch(secretKey: key, mechanism: input.mechanism?.rawValue)
                found.append(Violation(problem: problem, keys: ["secret", "auth"]))
            }
            if input.tlsMode == TLSMode.none, !input.allowPlaintextAuth {
                found.append(
                    Violation(
                        problem: .plaintextCredentials,
                        keys: ["tls", "allow_plaintext_auth", "secret", "username"]))
            }
        }
        return found
    }

    private static func thresholdViolations(of thresholds: ThresholdSettings) -> [Violation] {
        var found: [Violation] = []
        let days = "thresholds.certificate_days"
        for (name, value) in [("warning", thresholds.certificateDaysWarning), ("critical", thresholds.certificateDaysCritical)]
        where value < 0 {
            let problem = ConfigProblem.valueOutOfRange(key: "\(days).\(name)", value: String(value), bounds: "0 or more")
            found.append(Violation(problem: problem, keys: ["\(days).\(name)"]))
        }
        if thresholds.certificateDaysWarning < thresholds.certificateDaysCritical {
            let problem = ConfigProblem.thresholdOrder(
                key: days, warning: String(thresholds.certificateDaysWarning),
                critical: String(thresholds.certificateDaysCritical),
                rule: "days left: warning must be at least critical")
            found.append(Violation(problem: problem, keys: ["\(days).warning", "\(days).critical"]))
        }
        let quota = "thresholds.quota_percent"
        for (name, value) in [("warning", thresholds.quotaPercentWarning), ("critical", thresholds.quotaPercentCritical)]
        where !(0...100).contains(value) {
            let problem = ConfigProblem.valueOutOfRange(key: "\(quota).\(name)", value: format(value), bounds: "0...100")
            found.append(Violation(problem: problem, keys: ["\(quota).\(name)"]))
        }
        if thresholds.quotaPercentWarning > thresholds.quotaPercentCritical {
            let problem = ConfigProblem.thresholdOrder(
                key: quota, warning: format(thresholds.quotaPercentWarning),
                critical: format(thresholds.quotaPercentCritical), rule: "percent used: warning must be at most critical")
            found.append(Violation(problem: problem, keys: ["\(quota).warning", "\(quota).critical"]))
        }
        found += limitViolations(thresholds.total, path: "thresholds.total")
        for name in thresholds.phases.keys.sorted() {
            if let limits = thresholds.phases[name] {
                found += limitViolations(limits, path: "thresholds.phases.\(name)")
            }
        }
        return found
    }

    private static func limitViolations(_ limits: DurationLimits, path: String) -> [Violation] {
        var found: [Violation] = []
        for (name, value) in [("warning", limits.warning), ("critical", limits.critical)] {
            if let value, value <= .zero {
                let problem = ConfigProblem.valueOutOfRange(
                    key: "\(path).\(name)", value: PrometheusDuration.format(value), bounds: "more than 0s")
                found.append(Violation(problem: problem, keys: ["\(path).\(name)"]))
            }
        }
        if let warning = limits.warning, let critical = limits.critical, warning > critical {
            let problem = ConfigProblem.thresholdOrder(
                key: path, warning: PrometheusDuration.format(warning), critical: PrometheusDuration.format(critical),
                rule: "durations: warning must be at most critical")
            found.append(Violation(problem: problem, keys: ["\(path).warning", "\(path).critical"]))
        }
        return found
    }

    /// A percent without a needless `.0` (`80`, `92.5`).
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
