/// The probe keys one mapping of the file set (`defaults:`, a module, or a target's own keys), each optional,
/// with where each was written, so that merged settings still know which line to blame.
struct ProbeLayer: Sendable, Hashable {
    /// Where a mapping sits in the resolution order; a higher level wins.
    enum Level: Int, Sendable, Hashable, Comparable {
        case defaults = 1, module, target

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Where one setting was written and at which level.
    struct Origin: Sendable, Hashable {
        var location: SourceLocation
        var level: Level
    }

    var interval: Duration?
    var timeout: Duration?
    var tls: TLSMode?
    var port: Int?
    var auth: AuthMechanism?
    var username: String?
    var secret: SecretReference?
    /// The key the secret was given with (`password_file`, `password_env`, `token_file`, `password`).
    var secretKey: String?
    var caFile: String?
    var sni: ServerHost?
    var insecure: Bool?
    var tlsMin: TLSVersion?
    var allowPlaintextAuth: Bool?
    var mailbox: String?
    var select: Bool?
    var fetchBytes: Int?
    var requireMessage: Bool?
    var quota: Bool?
    /// Whether the per-phase duration histogram is exported (an exposition setting, not a probe setting).
    var phaseHistograms: Bool?
    /// Module only, and not inherited by `overlaying`: the hosts an ad-hoc `/probe` may use this module's
    /// credentials on (lowercased; `*.domain` for every name under a domain).
    var probeHosts: [ProbeHostPattern]?
    var certificateDaysWarning: Int?
    var certificateDaysCritical: Int?
    var quotaPercentWarning: Double?
    var quotaPercentCritical: Double?
    var total = DurationLimits()
    var phases: [String: DurationLimits] = [:]
    /// The `alerting:` keys (the target's alert policy).
    var alerting = AlertPolicyLayer()
    /// Setting path (`timeout`, `secret`, `thresholds.phases.login.warning`, `alerting.disable`) to where it was
    /// written.
    var origins: [String: Origin] = [:]

    /// This layer over `lower`: every setting this layer leaves unset comes from `lower`.
    func overlaying(_ lower: ProbeLayer) -> ProbeLayer {
        var merged = self
        merged.interval = interval ?? lower.interval
        merged.timeout = timeout ?? lower.timeout
        merged.tls = tls ?? lower.tls
        merged.port = port ?? lower.port
        merged.auth = auth ?? lower.auth
        merged.username = username ?? lower.username
        if secretKey == nil {
            merged.secret = lower.secret
            merged.secretKey = lower.secretKey
        }
        merged.caFile = caFile ?? lower.caFile
        merged.sni = sni ?? lower.sni
        merged.insecure = insecure ?? lower.insecure
        merged.tlsMin = tlsMin ?? lower.tlsMin
        merged.allowPlaintextAuth = allowPlaintextAuth ?? lower.allowPlaintextAuth
        merged.mailbox = mailbox ?? lower.mailbox
        merged.select = select ?? lower.select
        merged.fetchBytes = fetchBytes ?? lower.fetchBytes
        merged.requireMessage = requireMessage ?? lower.requireMessage
        merged.quota = quota ?? lower.quota
        merged.phaseHistograms = phaseHistograms ?? lower.phaseHistograms
        merged.certificateDaysWarning = certificateDaysWarning ?? lower.certificateDaysWarning
        merged.certificateDaysCritical = certificateDaysCritical ?? lower.certificateDaysCritical
        merged.quotaPercentWarning = quotaPercentWarning ?? lower.quotaPercentWarning
        merged.quotaPercentCritical = quotaPercentCritical ?? lower.quotaPercentCritical
        merged.total = Self.overlay(total, on: lower.total)
        for (name, limits) in lower.phases {
            merged.phases[name] = Self.overlay(phases[name] ?? DurationLimits(), on: limits)
        }
        merged.alerting = alerting.overlaying(lower.alerting)
        merged.origins = origins.merging(lower.origins) { mine, _ in mine }
        return merged
    }

    private static func overlay(_ upper: DurationLimits, on lower: DurationLimits) -> DurationLimits {
        DurationLimits(warning: upper.warning ?? lower.warning, critical: upper.critical ?? lower.critical)
    }

    /// The thresholds these settings give, with the built-in defaults for what no layer set.
    var thresholds: ThresholdSettings {
        let builtIn = ThresholdSettings()
        return ThresholdSettings(
            certificateDaysWarning: certificateDaysWarning ?? builtIn.certificateDaysWarning,
            certificateDaysCritical: certificateDaysCritical ?? builtIn.certificateDaysCritical,
            quotaPercentWarning: quotaPercentWarning ?? builtIn.quotaPercentWarning,
            quotaPercentCritical: quotaPercentCritical ?? builtIn.quotaPercentCritical,
            total: total,
            phases: phases.filter { !$0.value.isEmpty })
    }

    /// The place to blame for a violation of `keys`: the most specific level that set one of them, and among
    /// equals the first key listed. `nil` when only built-in defaults are involved.
    func blame(_ keys: [String]) -> Origin? {
        keys.compactMap { origins[$0] }.max { $0.level < $1.level }.map { best in
            keys.compactMap { origins[$0] }.first { $0.level == best.level } ?? best
        }
    }
}
