/// How a probe authenticates.
public enum AuthMechanism: String, Sendable, Hashable, CaseIterable, Codable {
    /// The `LOGIN` command with the user name and password as strings.
    case login
    /// `AUTHENTICATE PLAIN` (RFC 4616), with an initial response when the server has `SASL-IR`.
    case plain
    /// `AUTHENTICATE XOAUTH2` with a bearer token.
    case xoauth2
    /// `AUTHENTICATE OAUTHBEARER` (RFC 7628) with a bearer token.
    case oauthbearer

    /// Whether the secret is a bearer token rather than a password.
    public var usesBearerToken: Bool { self == .xoauth2 || self == .oauthbearer }
}
