import IMAPProtocol

extension ProbeRun {
    /// `login`: authenticates, or skips every mailbox phase when the probe has no credentials.
    ///
    /// Returns whether the probe is now authenticated. Credentials are never sent without TLS unless plaintext
    /// authentication was allowed explicitly, whatever the server would accept.
    func login() async throws(ProbeFailure) -> Bool {
        guard let credentials = settings.credentials else {
            for phase in [Phase.login, .select, .fetch, .quota] { skip(phase, .notRequested) }
            return false
        }
        guard !preauthenticated else {
            // PREAUTH: the server authenticated the connection itself; a LOGIN now would be a protocol error.
            skip(.login, .alreadyAuthenticated)
            capabilitiesAfterLogin = !capabilities.isEmpty  // learned in the authenticated state
            result.postLoginCapabilities = capabilities.map(\.rawValue)
            return true
        }
        try await timed(.login) {
            guard settings.tlsMode != .none || settings.allowPlaintextAuth else {
                throw ProbeFailure(
                    code: .plaintextAuthRefused, phase: .login,
                    message: "refusing to send credentials without TLS (allow it with --allow-plaintext-auth)")
            }
            let plan = try AuthenticationPlan(credentials: credentials, capabilities: capabilities)
            result.authMechanism = plan.mechanism
            let outcome = try await requireSession().run(plan.command, capabilities: capabilities)
            guard outcome.tagged.status.condition == .ok else {
                let what = plan.mechanism == .login ? "LOGIN" : "AUTHENTICATE \(plan.mechanism.rawValue.uppercased())"
                throw rejection(outcome.tagged, code: Self.loginFailureCode(outcome.tagged), in: .login, doing: what)
            }
            if let announced = Self.capabilities(in: outcome) {
                capabilities = announced
                capabilitiesAfterLogin = true
                result.postLoginCapabilities = announced.map(\.rawValue)
            }
        }
        return true
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
