/// The condition of a status response (a closed set).
public enum StatusCondition: String, Hashable, Sendable {
    /// Success, or information.
    case ok = "OK"
    /// Operational failure.
    case no = "NO"
    /// Protocol error.
    case bad = "BAD"
    /// Greeting only: already authenticated.
    case preauth = "PREAUTH"
    /// The server is closing the connection.
    case bye = "BYE"
}

extension StatusCondition {
    // resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text
    // resp-cond-auth  = ("OK" / "PREAUTH") SP resp-text
    // resp-cond-bye   = "BYE" SP resp-text
    /// Maps an atom (any case) to a condition.
    init?(keyword: String) {
        self.init(rawValue: keyword.uppercased())
    }
}
