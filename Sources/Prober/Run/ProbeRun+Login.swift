import Config
import IMAPProtocol

extension ProbeRun {
    /// `login`: authenticates, or skips every mailbox phase when the probe has no credentials.
    ///
    /// Credentials are never sent without TLS unless plaintext authentication was allowed explicitly, whatever
    /// the server would accept.
    func login() throws -> PhaseStep {
        guard let credentials = settings.credentials else {
            for phase in [Phase.login, .select, .fetch, .quota] { skip(phase, .notRequested) }
            return .skipped(.notRequested)
        }
        authenticated = true
        guard !preauthenticated else {
            // PREAUTH: the server authenticated the connection itself; a LOGIN now would be a protocol error.
            capabilitiesAfterLogin = !capabilities.isEmpty  // learned in the authenticated state
            result.postLoginCapabilities = capabilities.map(\.rawValue)
            return .skipped(.alreadyAuthenticated)
        }
        guard settings.tlsMode != .none || settings.allowPlaintextAuth else {
            throw ProbeFailure(
                code: .plaintextAuthRefused, phase: .login,
                message: "refusing to send credentials without TLS (allow it with --allow-plaintext-auth)")
        }
        let plan = try AuthenticationPlan(credentials: credentials, capabilities: capabilities)
        result.authMechanism = plan.mechanism
        return .command(plan.command, .login(plan.mechanism))
    }

    func loginAnswered(_ outcome: CommandOutcome, mechanism: AuthMechanism) throws -> PhaseStep {
        guard outcome.tagged.status.condition == .ok else {
            let what = mechanism == .login ? "LOGIN" : "AUTHENTICATE \(mechanism.rawValue.uppercased())"
            throw rejection(outcome.tagged, code: Self.loginFailureCode(outcome.tagged), in: .login, doing: what)
        }
        if let announced = Self.capabilities(in: outcome) {
            capabilities = announced
            capabilitiesAfterLogin = true
            result.postLoginCapabilities = announced.map(\.rawValue)
        }
        return .succeeded
    }

    /// The reason for a tagged NO or BAD to the login. A response code says what happened: `auth_unavailable`
    /// when authentication cannot work now or here, `auth_failed` when the credentials were refused. Without one,
    /// NO is `auth_failed`; BAD is `protocol_error`, because BAD means the server did not accept our command at
    /// all, so the credentials were never judged and blaming them would send the operator after the wrong problem.
    private static func loginFailureCode(_ tagged: TaggedResponse) -> ProbeFailure.Code {
        switch tagged.status.code {
        case .unavailable, .privacyRequired: .authUnavailable
        case .authenticationFailed, .authorizationFailed, .expired: .authFailed
        default: tagged.status.condition == .bad ? .protocolError : .authFailed
        }
    }
}
