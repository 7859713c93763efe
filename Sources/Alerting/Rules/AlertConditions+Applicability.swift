import Config

extension AlertConditions {
    /// Whether `target`'s configuration has `condition` checked at all: not disabled, and possible with its TLS
    /// mode, login, quota and thresholds. Judged from the configuration, not from one probe (a failed connect
    /// sees no certificate, but the certificate is still checked), so a reload that stops checking a condition
    /// can resolve its alert.
    public static func isChecked(_ condition: String, for target: TargetConfiguration) -> Bool {
        let policy = target.alertPolicy
        let settings = target.settings
        guard !policy.disabledConditions.contains(condition) else { return false }
        switch condition {
        case "probe_failing": return true
        case "certificate_expiring", "certificate_unverified": return settings.tlsMode != .none
        case "tls_version_low": return settings.tlsMode != .none && policy.minimumTLSVersion != nil
        case "quota_high": return settings.checkQuota && target.login != nil
        case "slow_total": return !target.thresholds.total.isEmpty
        case "starttls_not_offered": return settings.tlsMode == .starttls
        case "logindisabled_absent": return settings.tlsMode == .none
        default:
            guard condition.hasPrefix("slow_") else { return false }
            return target.thresholds.phases[String(condition.dropFirst(5))]?.isEmpty == false
        }
    }
}
