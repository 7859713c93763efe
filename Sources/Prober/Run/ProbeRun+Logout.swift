import IMAPProtocol

extension ProbeRun {
    /// `logout`: the tagged OK to LOGOUT (after BYE); a server that closes right after its BYE is fine too
    /// (`connectionEnded`).
    func logoutAnswered(_ outcome: CommandOutcome) throws -> PhaseStep {
        guard outcome.tagged.status.condition == .ok else {
            throw rejection(outcome.tagged, code: .protocolError, in: .logout, doing: "LOGOUT")
        }
        return .succeeded
    }
}
