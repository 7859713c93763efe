/// Who a target's probe logs in as, with the secret still a reference.
public struct LoginConfiguration: Sendable, Hashable {
    /// The user name (never put in metric labels).
    public var username: String
    /// Where the password or token comes from.
    public var secret: SecretReference
    /// The mechanism; `nil` lets the prober choose from the server's capabilities.
    public var mechanism: AuthMechanism?

    /// A login.
    public init(username: String, secret: SecretReference, mechanism: AuthMechanism? = nil) {
        self.username = username
        self.secret = secret
        self.mechanism = mechanism
    }

    /// Reads the secret now and returns the prober's `Credentials`.
    public func credentials(environment: [String: String]) throws(SecretReference.ReadError) -> Credentials {
        Credentials(username: username, secret: try secret.read(environment: environment), mechanism: mechanism)
    }
}
