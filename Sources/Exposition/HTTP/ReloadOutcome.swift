/// What a configuration reload came to, as `POST /-/reload` reports it.
public enum ReloadOutcome: Sendable, Equatable {
    /// The new configuration replaced the old one; `summary` says what changed.
    case reloaded(summary: String)
    /// The new configuration was rejected and the old one keeps running; `reason` has every error with its
    /// position (never a secret).
    case rejected(reason: String)
}
