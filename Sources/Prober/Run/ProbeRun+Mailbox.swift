import IMAPProtocol

extension ProbeRun {
    /// `select`: opens the mailbox, read-only with EXAMINE unless SELECT was asked for.
    func selectMailbox() -> PhaseStep {
        guard authenticated else { return .skipped(.notRequested) }
        let name = settings.mailbox
        return settings.selectReadWrite
            ? .command(.select(mailbox: name), .select(verb: "SELECT"))
            : .command(.examine(mailbox: name), .select(verb: "EXAMINE"))
    }

    /// Records the mailbox's facts and keeps EXISTS for `fetch`.
    func selectAnswered(_ outcome: CommandOutcome, verb: String) throws -> PhaseStep {
        guard outcome.tagged.status.condition == .ok else {
            throw rejection(outcome.tagged, code: .mailboxUnavailable, in: .select, doing: verb)
        }
        let facts = try Self.mailboxFacts(name: settings.mailbox, outcome: outcome, readOnlyDefault: !settings.selectReadWrite)
        result.mailbox = facts
        messages = facts.messages
        return .succeeded
    }

    /// Reads EXISTS, UIDVALIDITY, UIDNEXT and READ-ONLY/READ-WRITE from a SELECT/EXAMINE answer, in any order.
    static func mailboxFacts(name: String, outcome: CommandOutcome, readOnlyDefault: Bool) throws -> MailboxFacts {
        var exists: Int?
        var uidValidity: UInt32?
        var uidNext: UInt32?
        for response in outcome.untagged {
            switch response {
            case .exists(let count): exists = count
            case .condition(let status):
                switch status.code {
                case .uidValidity(let value): uidValidity = value
                case .uidNext(let value): uidNext = value
                default: break
                }
            default: break
            }
        }
        guard let exists else {
            throw ProbeFailure(
                code: .protocolError, phase: .select, message: "the server opened the mailbox without an EXISTS count")
        }
        let readOnly: Bool =
            switch outcome.tagged.status.code {
            case .readOnly: true
            case .readWrite: false
            default: readOnlyDefault
            }
        return MailboxFacts(name: name, messages: exists, uidValidity: uidValidity, uidNext: uidNext, readOnly: readOnly)
    }
}
