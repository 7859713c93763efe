/// What the daemon saves of its alerts between runs: every alert's state, the notifications waiting in open
/// groups, and when each Alertmanager receiver was last sent the firing alerts again.
public struct AlertSnapshot: Sendable, Codable {
    /// The format of this file; a newer one is refused rather than misread.
    public var version: Int
    /// Every alert's state.
    public var engine: AlertEngine
    /// Notifications produced but not yet queued (their group still open).
    public var grouper: NotificationGrouper
    /// Receiver name → when the firing alerts were last sent again (Unix seconds).
    public var lastResent: [String: Double]
    /// Each firing alert's receivers that were told it fired, so its resolution reaches them all.
    public var sentTo: [AlertKey: Set<String>]

    /// The version this build writes.
    public static let currentVersion = 1

    /// A snapshot of these parts.
    public init(
        engine: AlertEngine, grouper: NotificationGrouper, lastResent: [String: Double] = [:],
        sentTo: [AlertKey: Set<String>] = [:]
    ) {
        self.version = Self.currentVersion
        self.engine = engine
        self.grouper = grouper
        self.lastResent = lastResent
        self.sentTo = sentTo
    }
}
