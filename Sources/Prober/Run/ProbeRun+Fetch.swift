import IMAPProtocol

extension ProbeRun {
    /// `fetch`: the first `fetchBytes` octets of the newest message, checked against its size.
    func fetch(messages: Int) async throws(ProbeFailure) {
        guard settings.fetchBytes > 0 else {
            skip(.fetch, .notRequested)
            return
        }
        guard messages > 0 else {
            guard settings.requireMessage else {
                skip(.fetch, .emptyMailbox)
                return
            }
            try await timed(.fetch) {
                throw ProbeFailure(
                    code: .mailboxEmpty, phase: .fetch, message: "the mailbox is empty and a message is required")
            }
            return
        }
        let requested = settings.fetchBytes
        try await timed(.fetch) {
            let outcome = try await requireSession().run(
                .fetch(sequence: messages, partialOctets: requested), capabilities: capabilities)
            guard outcome.tagged.status.condition == .ok else {
                throw rejection(outcome.tagged, code: .fetchFailed, in: .fetch, doing: "FETCH")
            }
            result.fetch = try Self.fetchFacts(sequence: messages, requested: requested, outcome: outcome)
        }
    }

    /// Finds the body section of message `sequence` and checks its length is min(requested, RFC822.SIZE).
    static func fetchFacts(sequence: Int, requested: Int, outcome: CommandOutcome) throws -> FetchFacts {
        var size: Int?
        var body: [UInt8]?
        for case .fetch(let number, let attributes) in outcome.untagged where number == sequence {
            for attribute in attributes {
                switch attribute {
                case .rfc822Size(let value): size = value
                case .bodySection(let section, _, let data) where section.isEmpty: body = data ?? []
                default: break
                }
            }
        }
        guard let body else {
            throw ProbeFailure(
                code: .fetchFailed, phase: .fetch, message: "the FETCH answer has no body section for message \(sequence)")
        }
        if let size {
            let expected = min(requested, size)
            guard body.count == expected else {
                throw ProbeFailure(
                    code: .fetchFailed, phase: .fetch,
                    message: "asked for \(requested) octets of a \(size)-octet message, got \(body.count)")
            }
        } else if body.count > requested {
            throw ProbeFailure(
                code: .fetchFailed, phase: .fetch, message: "asked for \(requested) octets, got \(body.count)")
        }
        return FetchFacts(sequenceNumber: sequence, bytesRequested: requested, bytesReceived: body.count, messageSize: size)
    }
}
