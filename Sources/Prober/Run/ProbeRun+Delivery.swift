import IMAPProtocol
import SMTPProtocol

extension ProbeRun {
    /// `delivery`: rounds of searches of the watched folders for the message, paused between, until it is found
    /// or the watch's time is up. Each round SELECTs each folder again (a fresh view, whatever the server's
    /// notifications) and searches it by header. The first round runs at once, while the message is being
    /// submitted (the session tells the submission it is logged in): it reads the tokens of every message of this
    /// loop in each folder, to find the ones earlier runs left. The next starts as soon as the submission server
    /// has accepted the message, and they go on 10 ms apart, doubling.
    ///
    /// The phase's time is the message's delivery time: from the submission server's acceptance to the search
    /// that found it, or to the time the watch gave up.
    func deliveryStep() throws -> PhaseStep {
        guard let watch else { throw Self.noWatch(in: .delivery) }
        guard authenticated else {
            throw ProbeFailure(
                code: .configurationInvalid, phase: .delivery, message: "the mail-flow loop needs the mailbox's credentials")
        }
        if let connection {
            watch.signal.whenSettled { connection.resumeEarly() }
        }
        watch.signal.mailboxReady(true)
        loop.facts?.rounds = 1
        return try look(in: 0, watch)
    }

    /// The step after a pause: the next round, or another look at whether the submission was accepted.
    func resumed() throws -> PhaseStep {
        guard let watch else { throw Self.noWatch(in: phase) }
        if loop.awaitingAcceptance { return try roundEnded(watch) }
        loop.facts?.rounds += 1
        return try look(in: 0, watch)
    }

    /// Whether the session waits for the submission, which has now ended: time to go on, before the pause is up.
    var submissionSettledWhileWaiting: Bool {
        guard loop.awaitingAcceptance, let watch else { return false }
        if case .pending = watch.signal.acceptance { return false }
        return true
    }

    /// The step after the answer to one of the loop's commands.
    func loopAnswered(_ command: DeliveryProgress.Command, _ outcome: CommandOutcome) throws -> PhaseStep {
        guard let watch else { throw Self.noWatch(in: phase) }
        switch command {
        case .select(let folder): return try selected(folder, outcome, watch)
        case .survey(let folder): return try surveyed(folder, outcome, watch)
        case .tokens(let folder): return try tokensRead(folder, outcome, watch)
        case .search(let folder): return try searched(folder, outcome, watch)
        case .capability, .cleanupSelect, .store, .expunge: return try cleanupAnswered(command, outcome, watch)
        }
    }

    // MARK: Rounds

    /// SELECTs the first folder at `index` or after that exists; ends the round after the last.
    private func look(in index: Int, _ watch: DeliveryWatch) throws -> PhaseStep {
        var index = index
        while loop.missing.contains(index) { index += 1 }
        guard index < watch.folders.count else { return try roundEnded(watch) }
        loop.folder = index
        return .command(.select(mailbox: watch.folders[index]), .loop(.select(folder: index)))
    }

    private func selected(_ folder: Int, _ outcome: CommandOutcome, _ watch: DeliveryWatch) throws -> PhaseStep {
        guard outcome.tagged.status.condition == .ok else {
            loop.selected = nil
            // The expected folder must exist; another (a junk folder) may not, on a server that makes it on demand.
            guard folder > 0, outcome.tagged.status.condition == .no else {
                throw rejection(outcome.tagged, code: .mailboxUnavailable, in: .delivery, doing: "SELECT")
            }
            loop.missing.insert(folder)
            loop.facts?.missingFolders.append(watch.folders[folder])
            transcript.note("\(watch.folders[folder]) cannot be selected; not watched in this run")
            return try look(in: folder + 1, watch)
        }
        loop.selected = folder
        if loop.surveyed.contains(folder) {
            return .command(
                .uidSearchHeader(name: ProbeMessage.tokenHeader, value: watch.token.description),
                .loop(.search(folder: folder)))
        }
        return .command(
            .uidSearchHeader(name: ProbeMessage.tokenHeader, value: watch.token.loopPrefix), .loop(.survey(folder: folder)))
    }

    /// Every message of this loop in the folder: read their tokens (the newest `surveyLimit`), or go on.
    private func surveyed(_ folder: Int, _ outcome: CommandOutcome, _ watch: DeliveryWatch) throws -> PhaseStep {
        let uids = try Self.searchResult(outcome, rejection: { rejection($0, code: .protocolError, in: .delivery, doing: "UID SEARCH") })
        loop.surveyed.insert(folder)
        guard !uids.isEmpty else { return try look(in: folder + 1, watch) }
        let newest = Array(uids.sorted().suffix(DeliveryWatch.surveyLimit))
        return .command(.uidFetchDateAndHeader(uids: newest, name: ProbeMessage.tokenHeader), .loop(.tokens(folder: folder)))
    }

    /// Sorts the surveyed messages: this run's, stale ones, and those of a run still waiting (left alone).
    private func tokensRead(_ folder: Int, _ outcome: CommandOutcome, _ watch: DeliveryWatch) throws -> PhaseStep {
        guard outcome.tagged.status.condition == .ok else {
            throw rejection(outcome.tagged, code: .protocolError, in: .delivery, doing: "UID FETCH")
        }
        var mine: [Int] = []
        var stale: [Int] = []
        var arrived: Int64?
        for case .fetch(_, let attributes) in outcome.untagged {
            guard let message = Self.loopMessage(attributes), message.token.loop == watch.token.loop else { continue }
            if message.token == watch.token {
                mine.append(message.uid)
                arrived = arrived ?? message.arrived
            } else if message.token.unixTime < watch.staleBefore {
                stale.append(message.uid)
            }
        }
        if !stale.isEmpty {
            loop.stale[folder] = stale
            loop.facts?.staleFound += stale.count
        }
        if !mine.isEmpty { foundMessage(mine, in: folder, watch, arrived: arrived) }
        return try look(in: folder + 1, watch)
    }

    private func searched(_ folder: Int, _ outcome: CommandOutcome, _ watch: DeliveryWatch) throws -> PhaseStep {
        let uids = try Self.searchResult(outcome, rejection: { rejection($0, code: .protocolError, in: .delivery, doing: "UID SEARCH") })
        if !uids.isEmpty { foundMessage(uids, in: folder, watch) }
        return try look(in: folder + 1, watch)
    }

    /// Notes this run's message in `folder`. For a message an earlier run sent (`acceptedUnix`) found at the first
    /// look, the delivery is timed by its INTERNALDATE, the time the server received it (whole seconds), since now
    /// is only when this run looked; else by when it was first seen (`roundEnded`).
    private func foundMessage(_ uids: [Int], in folder: Int, _ watch: DeliveryWatch, arrived: Int64? = nil) {
        let known = loop.found[folder] ?? []
        loop.found[folder, default: []].append(contentsOf: uids.filter { !known.contains($0) })
        guard loop.foundAt == nil else { return }
        loop.foundAt = ContinuousClock.now
        loop.facts?.folder = watch.folders[folder]
        if let acceptedUnix = watch.acceptedUnix, loop.facts?.rounds == 1 {
            let seconds = arrived.map { max(0, Double($0) - acceptedUnix.rounded(.down)) }
            loop.facts?.delay = seconds.map { .milliseconds(Int64($0 * 1000)) }
            loop.facts?.timedByArrival = true
        }
    }

    /// After the last folder of a round. Until the submission is accepted, a short pause and another look at it
    /// (a refused one ends the phase, skipped); once it is, the first search at once. The delivery is timed when
    /// the message was found (the round still looks in every folder, for copies and the first survey); lost once
    /// the time is up; else a pause before the next round.
    private func roundEnded(_ watch: DeliveryWatch) throws -> PhaseStep {
        let now = ContinuousClock.now
        let acceptedAt: ContinuousClock.Instant
        switch watch.signal.acceptance {
        case .pending:
            loop.awaitingAcceptance = true
            defer { loop.acceptanceWaits += 1 }
            return .pause(until: now.advanced(by: DeliveryWatch.acceptanceWait(after: loop.acceptanceWaits)))
        case .abandoned:
            loop.awaitingAcceptance = false
            lastEnd = now
            ledger.record(.delivery, .skipped(.notReached))
            return .recorded
        case .accepted(let instant):
            acceptedAt = instant
        }
        if let foundAt = loop.foundAt {
            lastEnd = now
            // Timed by arrival: the phase is the delivery time the server's date gives (unknown without one).
            let observed = max(.zero, foundAt - acceptedAt)
            if loop.facts?.timedByArrival != true { loop.facts?.delay = observed }
            let delivery = loop.facts?.timedByArrival == true ? loop.facts?.delay : observed
            ledger.record(.delivery, delivery.map { .succeeded($0) } ?? .skipped(.notApplicable))
            return .recorded
        }
        if loop.awaitingAcceptance {
            // The acceptance just came: search now, and count the schedule from here.
            loop.awaitingAcceptance = false
            loop.roundsBeforeAcceptance = loop.facts?.rounds ?? 0
            loop.facts?.rounds += 1
            return try look(in: 0, watch)
        }
        let until = acceptedAt.advanced(by: watch.deliveryTimeout)
        guard now < until else {
            lastEnd = now
            let looked = watch.folders.enumerated().filter { !loop.missing.contains($0.offset) }.map(\.element)
            let failure = ProbeFailure(
                code: .mailLost, phase: .delivery,
                message: "the message \(watch.token) was not in \(looked.joined(separator: " or ")) "
                    + "\(Self.secondsText(now - acceptedAt)) after the submission server accepted it")
            ledger.record(.delivery, .failed(now - acceptedAt, failure))
            if result.failure == nil { result.failure = failure }
            return .recorded
        }
        let rounds = (loop.facts?.rounds ?? 1) - loop.roundsBeforeAcceptance
        return .pause(until: min(now.advanced(by: watch.wait(after: rounds)), until))
    }

    // MARK: Reading answers

    /// The UIDs a `* SEARCH` answered, or the rejection of a tagged NO or BAD.
    static func searchResult(_ outcome: CommandOutcome, rejection: (TaggedResponse) -> ProbeFailure) throws -> [Int] {
        guard outcome.tagged.status.condition == .ok else { throw rejection(outcome.tagged) }
        var uids: [Int] = []
        for case .search(let numbers) in outcome.untagged { uids += numbers }
        return uids
    }

    /// The UID, loop token and INTERNALDATE of one `* FETCH` of the token header; nil if the UID or the token is
    /// missing or malformed.
    static func loopMessage(_ attributes: [FetchAttribute]) -> (uid: Int, token: LoopToken, arrived: Int64?)? {
        var uid: Int?
        var token: LoopToken?
        var arrived: Int64?
        for attribute in attributes {
            switch attribute {
            case .uid(let value): uid = Int(value)
            case .bodySection(_, _, let data?): token = tokenHeaderValue(in: data).flatMap { LoopToken($0) }
            case .internalDate(let value): arrived = value
            default: break
            }
        }
        guard let uid, let token else { return nil }
        return (uid, token, arrived)
    }

    /// The value of the token header among header lines (`Name: value` CRLF …), spaces around it trimmed.
    static func tokenHeaderValue(in header: [UInt8]) -> Substring? {
        let text = String(decoding: header, as: UTF8.self)
        let name = ProbeMessage.tokenHeader.lowercased() + ":"
        // `isNewline`: a String reads CR LF as one Character, equal to neither "\r" nor "\n".
        for line in text.split(whereSeparator: \.isNewline) where line.lowercased().hasPrefix(name) {
            return line.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }.prefix { !$0.isWhitespace }
        }
        return nil
    }

    static func noWatch(in phase: Phase) -> ProbeFailure {
        ProbeFailure(code: .internalError, phase: phase, message: "\(phase.rawValue) runs only in the mail-flow loop")
    }

    static func secondsText(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(milliseconds / 1000).\(String(milliseconds % 1000 / 100)) s"
    }
}
