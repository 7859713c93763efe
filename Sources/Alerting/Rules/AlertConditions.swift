import Prober

/// The built-in alert conditions, read off one probe result: the health evaluator's findings (the same judgement
/// the Nagios plugin makes) split by subject, and the security findings.
///
/// Every condition that the probe could judge gets an observation, `ok` included, so a firing alert can
/// resolve; one the probe could not judge (no certificate seen because the connection failed) gets none, and its
/// alert keeps its state.
///
/// | condition | level |
/// |---|---|
/// | `probe_failing` | critical when any phase failed |
/// | `certificate_expiring` | the days-left thresholds (defaults 20 warning, 10 critical) |
/// | `certificate_unverified` | warning when the chain or name did not verify but the probe went on (`insecure`) |
/// | `quota_high` | the quota thresholds (defaults 80 %, 90 %) |
/// | `slow_total`, `slow_<phase>` | the duration thresholds, for those that have one |
/// | `starttls_not_offered` | critical when a STARTTLS target's server did not offer it |
/// | `tls_version_low` | warning below `SecurityExpectations.minimumTLSVersion` |
/// | `logindisabled_absent` | warning when a plaintext target's server would take a password in clear |
public enum AlertConditions {
    /// The observations of `result` under `thresholds` and `security`, days counted from `now`.
    public static func observe(
        _ result: ProbeResult, thresholds: HealthThresholds, security: SecurityExpectations = SecurityExpectations(),
        now: Double
    ) -> [ConditionObservation] {
        let assessment = HealthEvaluator().evaluate(result, thresholds: thresholds, now: now)
        func finding(_ subject: HealthFinding.Subject) -> HealthFinding? {
            assessment.findings.first { $0.subject == subject }
        }
        var observations: [ConditionObservation] = []
        let failure = finding(.probe)
        observations.append(
            ConditionObservation(
                condition: "probe_failing", level: failure == nil ? .ok : .critical,
                summary: failure?.text ?? "probe succeeded"))
        if let expiry = finding(.certificateExpiry) {
            observations.append(observation("certificate_expiring", expiry))
        } else if let days = assessment.certificateDaysLeft {
            observations.append(
                ConditionObservation(condition: "certificate_expiring", level: .ok, summary: "\(days) days left"))
        }
        if let verification = finding(.certificateVerification) {
            observations.append(observation("certificate_unverified", verification))
        } else if result.tls?.verification.isVerified == true {
            observations.append(
                ConditionObservation(condition: "certificate_unverified", level: .ok, summary: "certificate verified"))
        }
        if let quota = finding(.quota) {
            observations.append(observation("quota_high", quota))
        } else if let fullest = assessment.fullestQuota {
            observations.append(
                ConditionObservation(
                    condition: "quota_high", level: .ok, summary: "quota '\(fullest.root)' \(fullest.resource) below the thresholds"))
        }
        for found in assessment.findings {
            switch found.subject {
            case .total:
                // The evaluator always judges the total; only a configured threshold makes it a condition, and a
                // failed probe's total says nothing about speed.
                guard thresholds.totalWarning != nil || thresholds.totalCritical != nil, result.failure == nil else {
                    continue
                }
                observations.append(observation("slow_total", found))
            case .phase(let phase):
                // A failed phase's time is the failure's (a timeout), not slowness: probe_failing speaks for it.
                guard result.failure?.phase != phase else { continue }
                observations.append(observation("slow_\(phase.rawValue)", found))
            default: break
            }
        }
        observations += securityObservations(result, security)
        return observations
    }

    private static func observation(_ condition: String, _ finding: HealthFinding) -> ConditionObservation {
        ConditionObservation(condition: condition, level: level(finding.status), summary: finding.text)
    }

    /// A health status as an alert level: unknown (the probe could not run as configured) alerts as critical.
    static func level(_ status: HealthStatus) -> AlertLevel {
        switch status {
        case .ok: .ok
        case .warning: .warning
        case .critical, .unknown: .critical
        }
    }

    private static func securityObservations(
        _ result: ProbeResult, _ security: SecurityExpectations
    ) -> [ConditionObservation] {
        var observations: [ConditionObservation] = []
        if result.tlsMode == .starttls, let offered = result.starttlsOffered {
            observations.append(
                ConditionObservation(
                    condition: "starttls_not_offered", level: offered ? .ok : .critical,
                    summary: offered ? "STARTTLS offered" : "the server did not offer STARTTLS on a STARTTLS port"))
        }
        if let minimum = security.minimumTLSVersion, let version = result.tls?.protocolVersion,
            let have = TLSVersionOrder.rank(version), let want = TLSVersionOrder.rank(minimum)
        {
            observations.append(
                ConditionObservation(
                    condition: "tls_version_low", level: have < want ? .warning : .ok,
                    summary: have < want ? "\(version) negotiated, below \(minimum)" : "\(version) negotiated"))
        }
        if result.tlsMode == .none, !result.capabilities.isEmpty {
            let disabled = result.capabilities.contains { $0.uppercased() == "LOGINDISABLED" }
            observations.append(
                ConditionObservation(
                    condition: "logindisabled_absent", level: disabled ? .ok : .warning,
                    summary: disabled
                        ? "LOGINDISABLED advertised on the plaintext connection"
                        : "no LOGINDISABLED on a plaintext connection: the server would take a password in clear"))
        }
        return observations
    }
}

/// TLS version names as OpenSSL reports them, in order.
enum TLSVersionOrder {
    /// The position of `name` (`TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`; `1.2` also accepted), or `nil`.
    static func rank(_ name: String) -> Int? {
        let key = name.uppercased().replacingPrefix("TLSV", with: "")
        switch key {
        case "1", "1.0": return 0
        case "1.1": return 1
        case "1.2": return 2
        case "1.3": return 3
        default: return nil
        }
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
