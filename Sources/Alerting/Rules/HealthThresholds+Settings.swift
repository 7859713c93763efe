import Config
import Prober

extension HealthThresholds {
    /// The thresholds a configured target's `thresholds:` describe: a duration limit alerts above it.
    public init(_ settings: ThresholdSettings) {
        func above(_ limit: Duration?) -> ThresholdRange? {
            limit.map { ThresholdRange(start: 0, end: $0.inSeconds) }
        }
        var warning: [Phase: ThresholdRange] = [:]
        var critical: [Phase: ThresholdRange] = [:]
        for (name, limits) in settings.phases {
            guard let phase = Phase(rawValue: name) else { continue }
            warning[phase] = above(limits.warning)
            critical[phase] = above(limits.critical)
        }
        self.init(
            totalWarning: above(settings.total.warning), totalCritical: above(settings.total.critical),
            phaseWarning: warning, phaseCritical: critical,
            certificateDaysWarning: settings.certificateDaysWarning,
            certificateDaysCritical: settings.certificateDaysCritical,
            quotaPercentWarning: settings.quotaPercentWarning, quotaPercentCritical: settings.quotaPercentCritical)
    }
}
