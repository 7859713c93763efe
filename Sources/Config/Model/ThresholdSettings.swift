/// The limits a target's probe results are judged against, as plain values.
///
/// Config does not depend on Prober: phases are named by the strings in `phaseNames` (Prober's `Phase` raw
/// values), and a later layer builds Prober's `HealthThresholds` from these values.
public struct ThresholdSettings: Sendable, Hashable {
    /// WARNING when the earliest certificate expires in fewer than this many days.
    public var certificateDaysWarning: Int
    /// CRITICAL when the earliest certificate expires in fewer than this many days.
    public var certificateDaysCritical: Int
    /// WARNING when any quota resource is more than this percent used.
    public var quotaPercentWarning: Double
    /// CRITICAL when any quota resource is more than this percent used.
    public var quotaPercentCritical: Double
    /// Limits on the whole probe's duration.
    public var total: DurationLimits
    /// Limits on single phases, keyed by phase name (one of `phaseNames`).
    public var phases: [String: DurationLimits]

    /// The phase names thresholds may be set for, in probe order; equal to Prober's `Phase` raw values.
    public static let phaseNames = [
        "resolve", "connect", "tls_handshake", "greeting", "capability", "starttls", "capability_after_tls",
        "login", "select", "fetch", "quota", "logout",
    ]

    /// Thresholds; the defaults are cert 20/10 days, quota 80/90 %, no duration limits.
    public init(
        certificateDaysWarning: Int = 20,
        certificateDaysCritical: Int = 10,
        quotaPercentWarning: Double = 80,
        quotaPercentCritical: Double = 90,
        total: DurationLimits = DurationLimits(),
        phases: [String: DurationLimits] = [:]
    ) {
        self.certificateDaysWarning = certificateDaysWarning
        self.certificateDaysCritical = certificateDaysCritical
        self.quotaPercentWarning = quotaPercentWarning
        self.quotaPercentCritical = quotaPercentCritical
        self.total = total
        self.phases = phases
    }
}
