/// The identity a probe logs in with.
public struct Credentials: Sendable, Hashable {
    /// The user name. Not secret, but never put in metric labels.
    public var username: String
    /// The password, or the bearer token for `xoauth2` / `oauthbearer`.
    public var secret: Secret
    /// The mechanism to use; `nil` chooses from the server's capabilities.
    public var mechanism: AuthMechanism?

    /// Credentials; `mechanism` nil chooses from the server's capabilities.
    public init(username: String, secret: Secret, mechanism: AuthMechanism? = nil) {
        self.username = username
        self.secret = secret
        self.mechanism = mechanism
    }
}
