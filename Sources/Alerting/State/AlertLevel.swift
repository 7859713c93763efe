/// How bad one condition of one target is in one probe.
public enum AlertLevel: String, Sendable, Hashable, Codable, Comparable {
    case ok
    case warning
    case critical

    public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .critical: 2
        }
    }
}
