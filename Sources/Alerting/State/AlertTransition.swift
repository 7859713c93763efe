/// What an observation asks to be sent.
public enum AlertTransition: Sendable, Hashable {
    /// The alert starts firing at `level`, or a firing alert changed level.
    case firing(level: AlertLevel, since: Double)
    /// A firing alert is sent again after the repeat interval.
    case repeated(level: AlertLevel, since: Double)
    /// A firing alert resolved (sent only when `sendResolved`).
    case resolved(level: AlertLevel, since: Double)
}
