/// How one target's alerts behave: the flap control and which conditions it is held to. Set under `alerting:` in
/// `defaults:`, a module or a target; the thresholds of each condition are the target's `thresholds:`.
public struct AlertPolicy: Sendable, Hashable {
    /// Consecutive bad probes before an alert fires (at least 1).
    public var failureThreshold: Int
    /// Consecutive good probes before a firing alert resolves (at least 1); also consecutive probes below its
    /// level (good ones included) before it steps down to a lower one.
    public var successThreshold: Int
    /// Whether resolving sends a message.
    public var sendResolved: Bool
    /// How long a firing alert waits before it is sent again; zero never repeats.
    public var repeatInterval: Duration
    /// The lowest TLS version that does not raise `tls_version_low`; `nil` checks nothing.
    public var minimumTLSVersion: TLSVersion?
    /// Conditions that never alert for this target (`logindisabled_absent`, `slow_login`, ...).
    public var disabledConditions: Set<String>

    /// The conditions a target can alert on besides `slow_<phase>` (one per phase with a threshold).
    public static let conditionNames = [
        "probe_failing", "certificate_expiring", "certificate_unverified", "quota_high", "slow_total",
        "starttls_not_offered", "tls_version_low", "logindisabled_absent",
    ]

    /// Every condition a policy can name: `conditionNames`, then `slow_<phase>` for each phase in probe order.
    public static var allConditionNames: [String] {
        conditionNames + ThresholdSettings.phaseNames.map { "slow_\($0)" }
    }

    /// The built-in policy: fire after 3 bad probes, resolve after 2 good ones, send resolved, repeat every 4 h,
    /// warn below TLS 1.2, every condition on.
    public init(
        failureThreshold: Int = 3, successThreshold: Int = 2, sendResolved: Bool = true,
        repeatInterval: Duration = .seconds(4 * 3600), minimumTLSVersion: TLSVersion? = .tls1_2,
        disabledConditions: Set<String> = []
    ) {
        self.failureThreshold = failureThreshold
        self.successThreshold = successThreshold
        self.sendResolved = sendResolved
        self.repeatInterval = repeatInterval
        self.minimumTLSVersion = minimumTLSVersion
        self.disabledConditions = disabledConditions
    }

    /// Whether `name` is a condition a policy can name (`slow_` followed by a phase name counts).
    public static func isConditionName(_ name: String) -> Bool {
        conditionNames.contains(name)
            || (name.hasPrefix("slow_") && ThresholdSettings.phaseNames.contains(String(name.dropFirst(5))))
    }
}
