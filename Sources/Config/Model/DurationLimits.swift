/// A WARNING and a CRITICAL limit on how long something may take; `nil` means no limit.
///
/// A duration above the limit alerts. A later layer maps each limit to the Monitoring Plugins range `0:seconds`.
public struct DurationLimits: Sendable, Hashable {
    /// Longer than this is WARNING.
    public var warning: Duration?
    /// Longer than this is CRITICAL.
    public var critical: Duration?

    /// Limits; both default to none.
    public init(warning: Duration? = nil, critical: Duration? = nil) {
        self.warning = warning
        self.critical = critical
    }

    /// Whether neither limit is set.
    public var isEmpty: Bool { warning == nil && critical == nil }
}
