import Config
import Prober

/// One target as the status page shows it: who it is, what its thresholds are, and its last probe.
public struct TargetStatus: Sendable, Hashable {
    /// The target's name, address, TLS mode and own labels (never a username).
    public var labels: TargetLabels
    /// `host:port` (`[::1]:993` for an IPv6 address).
    public var address: String
    /// The TLS mode (`implicit`, `starttls`, `none`).
    public var tlsMode: String
    /// The labels the operator configured, sorted by name.
    public var ownLabels: [TargetLabel]
    /// Days left below which the certificate is a warning.
    public var certificateDaysWarning: Int
    /// Days left below which the certificate is critical.
    public var certificateDaysCritical: Int
    /// Percent used above which quota is a warning.
    public var quotaPercentWarning: Double
    /// Percent used above which quota is critical.
    public var quotaPercentCritical: Double
    /// The last probe, or `nil` before the first one finished.
    public var lastProbe: ProbeSummary?

    /// The status of `target`, with `lastProbe` if it has been probed.
    public init(target: TargetConfiguration, lastProbe: ProbeSummary? = nil) {
        self.labels = TargetLabels(target)
        self.address = "\(target.settings.host.textBeforePort):\(target.settings.port)"
        self.tlsMode = target.settings.tlsMode.rawValue
        self.ownLabels = target.labels
        self.certificateDaysWarning = target.thresholds.certificateDaysWarning
        self.certificateDaysCritical = target.thresholds.certificateDaysCritical
        self.quotaPercentWarning = target.thresholds.quotaPercentWarning
        self.quotaPercentCritical = target.thresholds.quotaPercentCritical
        self.lastProbe = lastProbe
    }

    /// The certificate and quota thresholds, as the Nagios check and the alerts judge them.
    var thresholds: HealthThresholds {
        HealthThresholds(
            certificateDaysWarning: certificateDaysWarning, certificateDaysCritical: certificateDaysCritical,
            quotaPercentWarning: quotaPercentWarning, quotaPercentCritical: quotaPercentCritical)
    }

    /// The target's name.
    public var name: String { labels.target }

    /// Whether its last probe failed.
    public var isFailing: Bool { lastProbe?.failure != nil }

    /// Failing targets first, then by name.
    public static func pageOrder(_ lhs: TargetStatus, _ rhs: TargetStatus) -> Bool {
        if lhs.isFailing != rhs.isFailing { return lhs.isFailing }
        return lhs.name < rhs.name
    }
}
