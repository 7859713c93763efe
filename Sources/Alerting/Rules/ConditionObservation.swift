/// What one probe says about one alert condition of a target: its level and a line for a person.
public struct ConditionObservation: Sendable, Hashable {
    /// The condition's name (`probe_failing`, `certificate_expiring`, `slow_login`, ...).
    public var condition: String
    /// How bad it is in this probe.
    public var level: AlertLevel
    /// What the probe found, one line, no secret.
    public var summary: String

    /// An observation of `condition` at `level`.
    public init(condition: String, level: AlertLevel, summary: String) {
        self.condition = condition
        self.level = level
        self.summary = summary
    }
}
