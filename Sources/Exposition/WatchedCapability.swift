/// The capabilities `imap_capability_info` reports, spelled as the label value shows them.
public enum WatchedCapability: String, Sendable, Hashable, CaseIterable {
    case imap4rev2 = "IMAP4rev2"
    case idle = "IDLE"
    case quota = "QUOTA"
    case loginDisabled = "LOGINDISABLED"
    case starttls = "STARTTLS"

    /// The watched capabilities found among `advertised` (compared case-insensitively), in declaration order.
    public static func present(in advertised: some Sequence<String>) -> [WatchedCapability] {
        let upper = Set(advertised.map { $0.uppercased() })
        return allCases.filter { upper.contains($0.rawValue.uppercased()) }
    }
}
