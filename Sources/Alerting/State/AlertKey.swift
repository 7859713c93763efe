/// Names one alert: one condition of one target.
public struct AlertKey: Sendable, Hashable, Codable, Comparable {
    /// The target's name.
    public var target: String
    /// The condition's name.
    public var condition: String

    /// The alert of `condition` on `target`.
    public init(target: String, condition: String) {
        self.target = target
        self.condition = condition
    }

    public static func < (lhs: AlertKey, rhs: AlertKey) -> Bool {
        (lhs.target, lhs.condition) < (rhs.target, rhs.condition)
    }
}
