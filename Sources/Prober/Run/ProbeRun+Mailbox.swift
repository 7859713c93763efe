import IMAPProtocol

extension ProbeRun {
    /// `select`: opens the mailbox, read-only with EXAMINE unless SELECT was asked for; returns EXISTS.
    func selectMailbox() async throws(ProbeFailure) -> Int {
        try await timed(.select) { () async throws -> Int in
            let name = settings.mailbox
            let command: Command = settings.selectReadWrite ? .select(mailbox: name) : .examine(mailbox: name)
            let verb = settings.selectReadWrite ? "SELECT" : "EXAMINE"
            let outcome = try await requireSession().run(command, capabilities: capabilities)
            guard outcome.tagged.status.condition == .ok else {
                throw rejection(outcome.tagged, code: .mailboxUnavailable, in: .select, doing: verb)
            }
            let facts = try Self.mailboxFacts(name: name, outcome: outcome, readOnlyDefault: !settings.selectReadWrite)
            result.mailbox = facts
            return facts.messages
        }
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
