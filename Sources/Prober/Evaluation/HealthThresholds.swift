/// The limits a probe result is judged against.
///
/// Durations are in seconds. Certificate thresholds are days left: a certificate that expires in fewer than
/// `certificateDaysWarning` days is WARNING (fewer than `certificateDaysCritical`: CRITICAL; already expired:
/// CRITICAL). Quota thresholds are percent used: more than `quotaPercentWarning` % of any resource of any root is
/// WARNING, more than `quotaPercentCritical` % is CRITICAL.
public struct HealthThresholds: Sendable, Hashable {
    /// Range on the total probe time in seconds that makes the result WARNING.
    public var totalWarning: ThresholdRange?
    /// Range on the total probe time in seconds that makes the result CRITICAL.
    public var totalCritical: ThresholdRange?
    /// Ranges on single phases' durations in seconds that make the result WARNING.
    public var phaseWarning: [Phase: ThresholdRange]
    /// Ranges on single phases' durations in seconds that make the result CRITICAL.
    public var phaseCritical: [Phase: ThresholdRange]
    /// WARNING when the earliest certificate in the chain expires in fewer than this many days.
    public var certificateDaysWarning: Int
    /// CRITICAL when the earliest certificate in the chain expires in fewer than this many days.
    public var certificateDaysCritical: Int
    /// WARNING when any quota resource is more than this percent used.
    public var quotaPercentWarning: Double
    /// CRITICAL when any quota resource is more than this percent used.
    public var quotaPercentCritical: Double

    /// Thresholds with the documented defaults: no duration ranges, cert 20/10 days, quota 80/90 %.
    public init(
        totalWarning: ThresholdRange? = nil,
        totalCritical: ThresholdRange? = nil,
        phaseWarning: [Phase: ThresholdRange] = [:],
        phaseCritical: [Phase: ThresholdRange] = [:],
        certificateDaysWarning: Int = 20,
        certificateDaysCritical: Int = 10,
        quotaPercentWarning: Double = 80,
        quotaPercentCritical: Double = 90
    ) {
        self.totalWarning = totalWarning
        self.totalCritical = totalCritical
        self.phaseWarning = phaseWarning
        self.phaseCritical = phaseCritical
        self.certificateDaysWarning = certificateDaysWarning
        self.certificateDaysCritical = certificateDaysCritical
        self.quotaPercentWarning = quotaPercentWarning
        self.quotaPercentCritical = quotaPercentCritical
    }

    /// The certificate warning as a range on days left (`20:` alerts below 20), for perfdata.
    public var certificateWarningRange: ThresholdRange {
        ThresholdRange(start: Double(certificateDaysWarning), end: nil)
    }

    /// The certificate critical limit as a range on days left, for perfdata.
    public var certificateCriticalRange: ThresholdRange {
        ThresholdRange(start: Double(certificateDaysCritical), end: nil)
    }

    /// The quota warning as a range on percent used (`80` alerts above 80), for perfdata.
    public var quotaWarningRange: ThresholdRange { ThresholdRange(start: 0, end: quotaPercentWarning) }

    /// The quota critical limit as a range on percent used, for perfdata.
    public var quotaCriticalRange: ThresholdRange { ThresholdRange(start: 0, end: quotaPercentCritical) }
}
