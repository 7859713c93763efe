/// The Monitoring Plugins service state a probe result maps to.
///
/// Ordered by severity as Monitoring Plugins' `max_state_alt` orders them: ok < warning < unknown < critical, so
/// the worst of several findings is their `max()`.
public enum HealthStatus: String, Sendable, Hashable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    /// Everything within thresholds (exit 0).
    case ok
    /// A warning threshold was crossed (exit 1).
    case warning
    /// The probe failed or a critical threshold was crossed (exit 2).
    case critical
    /// The check itself could not judge: bad arguments or an internal failure (exit 3).
    case unknown

    /// The plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    public var exitCode: Int32 {
        switch self {
        case .ok: 0
        case .warning: 1
        case .critical: 2
        case .unknown: 3
        }
    }

    /// The upper-case word used in a status line (`OK`, `WARNING`, `CRITICAL`, `UNKNOWN`).
    public var label: String { rawValue.uppercased() }

    public var description: String { label }

    private var severity: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .unknown: 2
        case .critical: 3
        }
    }

    public static func < (lhs: HealthStatus, rhs: HealthStatus) -> Bool { lhs.severity < rhs.severity }
}
