import Config
import IMAPProtocol
import SASLEncoding

/// Which authentication command a probe sends, chosen from the credentials and the server's capabilities.
struct AuthenticationPlan {
    let mechanism: AuthMechanism
    let command: Command

    /// Chooses a mechanism: the one asked for if the server offers it; otherwise `AUTHENTICATE PLAIN` when
    /// offered, else `LOGIN` unless the server says LOGINDISABLED. Bearer tokens need an explicit mechanism.
    init(credentials: Credentials, capabilities: [Capability]) throws(ProbeFailure) {
        let mechanism = try Self.choose(credentials.mechanism, capabilities: capabilities)
        let user = credentials.username
        let secret = credentials.secret.exposedValue
        self.mechanism = mechanism
        switch mechanism {
        case .login:
            command = .login(username: user, password: secret)
        case .plain:
            command = .authenticate(mechanism: "PLAIN", initialResponse: SASL.plain(username: user, password: secret))
        case .xoauth2:
            command = .authenticate(
                mechanism: "XOAUTH2", initialResponse: SASL.xoauth2(username: user, accessToken: secret))
        case .oauthbearer:
            command = .authenticate(
                mechanism: "OAUTHBEARER", initialResponse: SASL.oauthBearer(username: user, accessToken: secret))
        }
    }

    private static func choose(_ requested: AuthMechanism?, capabilities: [Capability]) throws(ProbeFailure)
        -> AuthMechanism
    {
        let loginAllowed = !capabilities.contains(.loginDisabled)
        func offers(_ mechanism: AuthMechanism) -> Bool {
            mechanism == .login ? loginAllowed : capabilities.contains(.auth(mechanism.rawValue))
        }
        if let requested {
            guard offers(requested) else {
                let message =
                    requested == .login
                    ? "the server refuses LOGIN (LOGINDISABLED)"
                    : "the server does not offer AUTH=\(requested.rawValue.uppercased())"
                throw ProbeFailure(code: .authUnavailable, phase: .login, message: message)
            }
            return requested
        }
        if offers(.plain) { return .plain }
        if loginAllowed { return .login }
        throw ProbeFailure(
            code: .authUnavailable, phase: .login,
            message: "the server says LOGINDISABLED and offers no AUTH=PLAIN")
    }
}
