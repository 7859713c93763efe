extension ProbeRun {
    /// `logout`: LOGOUT, expecting BYE and a tagged OK; a server that closes right after its BYE is fine.
    func logout() async throws(ProbeFailure) {
        try await timed(.logout) {
            do {
                let outcome = try await requireSession().run(.logout, capabilities: capabilities)
                guard outcome.tagged.status.condition == .ok else {
                    throw rejection(outcome.tagged, code: .protocolError, in: .logout, doing: "LOGOUT")
                }
            } catch SessionError.closed {
                transcript.note("the server closed the connection without a tagged OK to LOGOUT")
            }
        }
    }
}
