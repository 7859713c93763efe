/// When an alert fires, resolves and repeats, as users know it from Gatus and Alertmanager.
public struct FlapControl: Sendable, Hashable, Codable {
    /// Consecutive bad probes before the alert fires (at least 1).
    public var failureThreshold: Int
    /// Consecutive good probes before a firing alert resolves (at least 1); also consecutive probes below its
    /// level (good ones included) before it steps down to a lower one.
    public var successThreshold: Int
    /// Whether resolving sends a message.
    public var sendResolved: Bool
    /// How long a firing alert waits before it is sent again; zero never repeats.
    public var repeatInterval: Duration

    /// The defaults: fire after 3 bad probes, resolve after 2 good ones, send resolved, repeat every 4 h.
    public init(
        failureThreshold: Int = 3, successThreshold: Int = 2, sendResolved: Bool = true,
        repeatInterval: Duration = .seconds(4 * 3600)
    ) {
        self.failureThreshold = max(failureThreshold, 1)
        self.successThreshold = max(successThreshold, 1)
        self.sendResolved = sendResolved
        self.repeatInterval = max(repeatInterval, .zero)
    }
}
