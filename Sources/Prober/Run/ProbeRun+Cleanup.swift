import IMAPProtocol

extension ProbeRun {
    /// `cleanup`: deletes this run's message and the stale ones of this loop, by UID and only those: `UID STORE
    /// +FLAGS.SILENT (\Deleted)`, then `UID EXPUNGE` (UIDPLUS, or IMAP4rev2). Without it the messages stay
    /// marked: a plain EXPUNGE would also remove what anyone else marked deleted.
    func cleanupStep() -> PhaseStep {
        let folders = Set(loop.found.keys).union(loop.stale.keys)
        guard !folders.isEmpty else { return .skipped(.notRequested) }
        loop.cleanupQueue = folders.sorted()
        guard capabilitiesAfterLogin else { return .command(.capability, .loop(.capability)) }
        return nextCleanup()
    }

    func cleanupAnswered(_ command: DeliveryProgress.Command, _ outcome: CommandOutcome, _ watch: DeliveryWatch) throws
        -> PhaseStep
    {
        guard outcome.tagged.status.condition == .ok else {
            let what: String
            switch command {
            case .capability: what = "CAPABILITY"
            case .cleanupSelect: what = "SELECT"
            case .store: what = "UID STORE"
            default: what = "UID EXPUNGE"
            }
            throw rejection(outcome.tagged, code: .cleanupFailed, in: .cleanup, doing: what)
        }
        switch command {
        case .capability:
            if let announced = Self.capabilities(in: outcome) {
                capabilities = announced
                capabilitiesAfterLogin = true
            }
            return nextCleanup()
        case .cleanupSelect(let folder):
            loop.selected = folder
            return .command(.uidStoreDeleted(uids: uidsToDelete(in: folder)), .loop(.store(folder: folder)))
        case .store(let folder):
            guard capabilities.contains(.uidplus) || capabilities.contains(.imap4rev2) else {
                loop.facts?.cleanupIncomplete = true
                transcript.note(
                    "no UIDPLUS: \(watch.folders[folder])'s loop messages are marked \\Deleted, not expunged")
                loop.cleanupQueue.removeFirst()
                return nextCleanup()
            }
            return .command(.uidExpunge(uids: uidsToDelete(in: folder)), .loop(.expunge(folder: folder)))
        case .expunge(let folder):
            let removed = loop.found[folder]?.count ?? 0
            let staleRemoved = loop.stale[folder]?.count ?? 0
            loop.facts?.removed += removed
            loop.facts?.staleRemoved += staleRemoved
            loop.cleanupQueue.removeFirst()
            return nextCleanup()
        case .select, .survey, .tokens, .search:
            throw ProbeFailure(code: .internalError, phase: .cleanup, message: "a search's answer in the clean-up")
        }
    }

    /// SELECTs the next folder to clean (unless it is the selected one), or ends the phase.
    private func nextCleanup() -> PhaseStep {
        guard let folder = loop.cleanupQueue.first, let watch else { return .succeeded }
        if loop.selected == folder {
            return .command(.uidStoreDeleted(uids: uidsToDelete(in: folder)), .loop(.store(folder: folder)))
        }
        return .command(.select(mailbox: watch.folders[folder]), .loop(.cleanupSelect(folder: folder)))
    }

    private func uidsToDelete(in folder: Int) -> [Int] {
        Array(Set((loop.found[folder] ?? []) + (loop.stale[folder] ?? []))).sorted()
    }
}
