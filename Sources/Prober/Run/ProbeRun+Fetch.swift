import IMAPProtocol

extension ProbeRun {
    /// `fetch`: the first `fetchBytes` octets of the newest message, checked against its size.
    func fetch() throws -> PhaseStep {
        guard authenticated, settings.fetchBytes > 0 else { return .skipped(.notRequested) }
        guard messages > 0 else {
            guard settings.requireMessage else { return .skipped(.emptyMailbox) }
            throw ProbeFailure(code: .mailboxEmpty, phase: .fetch, message: "the mailbox is empty and a message is required")
        }
        let requested = min(settings.fetchBytes, Self.maxFetchBytes)
        return .command(.fetch(sequence: messages, partialOctets: requested), .fetch(messages: messages, requested: requested))
    }

    func fetchAnswered(_ outcome: CommandOutcome, messages: Int, requested: Int) throws -> PhaseStep {
        guard outcome.tagged.status.condition == .ok else {
            throw rejection(outcome.tagged, code: .fetchFailed, in: .fetch, doing: "FETCH")
        }
        result.fetch = try Self.fetchFacts(sequence: messages, requested: requested, outcome: outcome)
        return .succeeded
    }

    /// Finds the body section of message `sequence` and checks it: it starts at octet 0 and holds exactly
    /// min(requested, RFC822.SIZE) octets. A missing size, a NIL body or another origin fails the phase: a server
    /// that truncates or loses mail must not pass.
    static func fetchFacts(sequence: Int, requested: Int, outcome: CommandOutcome) throws -> FetchFacts {
        var size: Int?
        var section: (origin: Int?, data: [UInt8]?)?
        for case .fetch(let number, let attributes) in outcome.untagged where number == sequence {
            for attribute in attributes {
                switch attribute {
                case .rfc822Size(let value): size = value
                case .bodySection(let name, let origin, let data) where name.isEmpty: section = (origin, data)
                default: break
                }
            }
        }
        func failure(_ message: String) -> ProbeFailure {
            ProbeFailure(code: .fetchFailed, phase: .fetch, message: message)
        }
        guard let section else { throw failure("the FETCH answer has no body section for message \(sequence)") }
        guard let body = section.data else { throw failure("the server returned NIL for the body of message \(sequence)") }
        guard section.origin == nil || section.origin == 0 else {
            throw failure("asked for the body from octet 0, got it from octet \(section.origin ?? 0)")
        }
        guard let size else { throw failure("the FETCH answer has no RFC822.SIZE for message \(sequence)") }
        let expected = min(requested, size)
        guard body.count == expected else {
            throw failure("asked for \(requested) octets of a \(size)-octet message, got \(body.count)")
        }
        return FetchFacts(sequenceNumber: sequence, bytesRequested: requested, bytesReceived: body.count, messageSize: size)
    }
}
