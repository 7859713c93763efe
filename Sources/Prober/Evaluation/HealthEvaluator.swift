import IMAPProtocol
import Transport

/// The one function that maps a `ProbeResult` to a Monitoring Plugins status; the Nagios plugin and alert rules
/// both use it.
///
/// Rules, worst finding wins:
/// - a failed probe is CRITICAL (UNKNOWN when the failure is the probe's own: `internal_error`,
///   `configuration_invalid`);
/// - a certificate that did not verify but did not fail the probe (`--insecure`) is WARNING;
/// - the earliest notAfter in the presented chain: expired or fewer than `certificateDaysCritical` days left is
///   CRITICAL, fewer than `certificateDaysWarning` days left is WARNING;
/// - the fullest quota resource over every root: more than `quotaPercentCritical` % CRITICAL, more than
///   `quotaPercentWarning` % WARNING;
/// - total and per-phase durations in seconds against their ranges (critical checked before warning).
public struct HealthEvaluator: Sendable {
    /// Seconds in a day, for certificate arithmetic.
    static let secondsPerDay = 86_400.0

    /// The evaluator; it holds no state, the clock comes in as `now`.
    public init() {}

    /// Judges `result` against `thresholds`, with certificate days counted from `now` (Unix seconds).
    public func evaluate(_ result: ProbeResult, thresholds: HealthThresholds, now: Double) -> HealthAssessment {
        var findings: [HealthFinding] = []
        if let failure = result.failure {
            findings.append(failureFinding(failure))
        }
        if let verification = verificationFinding(result) {
            findings.append(verification)
        }
        let certificate = Self.certificateFinding(
            result.tls, subject: .certificateExpiry, noun: "certificate", thresholds: thresholds, now: now)
        if let finding = certificate.finding { findings.append(finding) }
        let quota = quotaFinding(result, thresholds: thresholds)
        if let finding = quota.finding { findings.append(finding) }
        findings.append(
            durationFinding(
                subject: .total, name: "total", seconds: result.totalDuration.inSeconds,
                warning: thresholds.totalWarning, critical: thresholds.totalCritical))
        for record in result.phases {
            guard let duration = record.outcome.duration else { continue }
            let warning = thresholds.phaseWarning[record.phase]
            let critical = thresholds.phaseCritical[record.phase]
            guard warning != nil || critical != nil else { continue }
            findings.append(
                durationFinding(
                    subject: .phase(record.phase), name: record.phase.rawValue, seconds: duration.inSeconds,
                    warning: warning, critical: critical))
        }
        return HealthAssessment(
            findings: findings, certificateDaysLeft: certificate.daysLeft, fullestQuota: quota.fullest)
    }

    /// What a failure says in detail: the server's own text when it sent one, else the prober's message.
    public static func failureDetail(_ failure: ProbeFailure) -> String {
        failure.serverText.flatMap { $0.isEmpty ? nil : $0 } ?? failure.message
    }

    /// The text of a failure: `login failed: auth_failed (NO [AUTHENTICATIONFAILED] Authentication failed.)`.
    public static func failureText(_ failure: ProbeFailure) -> String {
        let detail = failureDetail(failure)
        let suffix = detail.isEmpty ? "" : " (\(detail))"
        return "\(failure.phase.rawValue) failed: \(failure.code.rawValue)\(suffix)".oneLine
    }

    private func failureFinding(_ failure: ProbeFailure) -> HealthFinding {
        let status: HealthStatus = failure.code.isProbersOwn ? .unknown : .critical
        return HealthFinding(subject: .probe, status: status, text: Self.failureText(failure))
    }

    private func verificationFinding(_ result: ProbeResult) -> HealthFinding? {
        guard let verification = result.tls?.verification, !verification.isVerified else { return nil }
        let certificateCodes: Set<ProbeFailure.Code> = [
            .certificateUntrusted, .certificateExpired, .certificateNotYetValid, .hostnameMismatch,
        ]
        if let failure = result.failure, certificateCodes.contains(failure.code) { return nil }
        return HealthFinding(
            subject: .certificateVerification, status: .warning,
            text: "certificate not verified: \(verification.reason) (insecure)".oneLine)
    }

    /// Whole days from `now` to `notAfter` (Unix seconds), rounded down; negative once expired.
    public static func daysLeft(until notAfter: Int64, now: Double) -> Int {
        Int(((Double(notAfter) - now) / secondsPerDay).rounded(.down))
    }

    /// How a certificate valid until `notAfter` stands at `now`: critical once expired or fewer than
    /// `certificateDaysCritical` days before, warning fewer than `certificateDaysWarning` days before, else ok.
    public static func certificateStatus(notAfter: Int64, now: Double, thresholds: HealthThresholds) -> HealthStatus {
        let secondsLeft = Double(notAfter) - now
        if secondsLeft <= 0 || secondsLeft < Double(thresholds.certificateDaysCritical) * secondsPerDay {
            return .critical
        }
        return secondsLeft < Double(thresholds.certificateDaysWarning) * secondsPerDay ? .warning : .ok
    }

    /// How a quota resource `percent` used stands: critical above `quotaPercentCritical`, warning above
    /// `quotaPercentWarning`, else ok.
    public static func quotaStatus(percent: Double, thresholds: HealthThresholds) -> HealthStatus {
        if thresholds.quotaCriticalRange.alerts(on: percent) { return .critical }
        return thresholds.quotaWarningRange.alerts(on: percent) ? .warning : .ok
    }

    /// The most used resource of any quota root in `result`, or `nil` when none has a limit.
    public static func fullestQuota(of result: ProbeResult) -> HealthAssessment.QuotaUsage? {
        let usages = result.quota.flatMap { root in
            root.resources.compactMap { resource in
                resource.percentUsed.map {
                    HealthAssessment.QuotaUsage(root: root.root, resource: resource.name, percent: $0)
                }
            }
        }
        return usages.max(by: { $0.percent < $1.percent })
    }

    /// The expiry finding about the chain of `tls` (nil without one), its text beginning with `noun`.
    static func certificateFinding(
        _ tls: TLSSessionFacts?, subject: HealthFinding.Subject, noun: String, thresholds: HealthThresholds,
        now: Double
    ) -> (finding: HealthFinding?, daysLeft: Int?) {
        guard let notAfter = tls?.earliestNotAfter else { return (nil, nil) }
        let daysLeft = Self.daysLeft(until: notAfter, now: now)
        let status = Self.certificateStatus(notAfter: notAfter, now: now, thresholds: thresholds)
        let text: String
        if Double(notAfter) - now <= 0 {
            text = "\(noun) expired \(-daysLeft) days ago"
        } else if status == .critical {
            text = "\(noun) expires in \(daysLeft) days (critical below \(thresholds.certificateDaysCritical))"
        } else if status == .warning {
            text = "\(noun) expires in \(daysLeft) days (warning below \(thresholds.certificateDaysWarning))"
        } else {
            text = "\(noun) expires in \(daysLeft) days"
        }
        return (HealthFinding(subject: subject, status: status, text: text), daysLeft)
    }

    private func quotaFinding(
        _ result: ProbeResult, thresholds: HealthThresholds
    ) -> (finding: HealthFinding?, fullest: HealthAssessment.QuotaUsage?) {
        guard let fullest = Self.fullestQuota(of: result) else { return (nil, nil) }
        let percent = ThresholdRange.format((fullest.percent * 10).rounded(.down) / 10)
        let name = "quota '\(fullest.root)' \(fullest.resource) \(percent)% used".oneLine
        let status = Self.quotaStatus(percent: fullest.percent, thresholds: thresholds)
        let text: String
        switch status {
        case .critical: text = "\(name) (critical above \(ThresholdRange.format(thresholds.quotaPercentCritical))%)"
        case .warning: text = "\(name) (warning above \(ThresholdRange.format(thresholds.quotaPercentWarning))%)"
        default: text = name
        }
        return (HealthFinding(subject: .quota, status: status, text: text), fullest)
    }

    private func durationFinding(
        subject: HealthFinding.Subject, name: String, seconds: Double,
        warning: ThresholdRange?, critical: ThresholdRange?
    ) -> HealthFinding {
        let shown = "\(name) \(Self.secondsText(seconds))"
        if let critical, critical.alerts(on: seconds) {
            return HealthFinding(subject: subject, status: .critical, text: "\(shown) (critical range \(critical))")
        }
        if let warning, warning.alerts(on: seconds) {
            return HealthFinding(subject: subject, status: .warning, text: "\(shown) (warning range \(warning))")
        }
        return HealthFinding(subject: subject, status: .ok, text: shown)
    }

    /// Seconds with three decimals and an `s` (`0.041s`), without Foundation.
    public static func secondsText(_ seconds: Double) -> String {
        secondsNumber(seconds) + "s"
    }

    /// Seconds with three decimals, rounded to the millisecond, without a unit (`0.041`).
    public static func secondsNumber(_ seconds: Double) -> String {
        let millis = Int64((seconds * 1000).rounded())
        let sign = millis < 0 ? "-" : ""
        let magnitude = millis.magnitude
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

