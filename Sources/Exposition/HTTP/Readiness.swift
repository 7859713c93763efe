import NIOConcurrencyHelpers

/// Whether the agent is ready to be scraped: set once its configuration has loaded (`/-/ready`).
///
/// Shared between the command that loads the configuration and the HTTP handler; safe from any thread.
public final class Readiness: Sendable {
    private let state: NIOLockedValueBox<Bool>

    /// A flag that starts as `ready`.
    public init(ready: Bool = false) {
        state = NIOLockedValueBox(ready)
    }

    /// Whether the configuration has loaded.
    public var isReady: Bool { state.withLockedValue { $0 } }

    /// Marks the agent ready (after a configuration loaded) or not.
    public func set(ready: Bool) {
        state.withLockedValue { $0 = ready }
    }
}
