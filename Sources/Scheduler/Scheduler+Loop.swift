extension Scheduler {
    /// The timer loop: fire due slots, cancel overdue runs, sleep until the next of either.
    func loop() async {
        while true {
            let now = clock.now
            if phase == .running { fireDueSlots(now: now) }
            cancelOverdueRuns(now: now)
            if phase != .running, running.isEmpty { return }
            await idle(until: nextWake())
        }
    }

    /// Puts `id` on its grid and queues the grid's first slot at or after `now`.
    func schedule(_ id: String, atOrAfter now: C.Instant) {
        guard let epoch, var state = jobs[id] else { return }
        let grid = Grid(origin: epoch.advanced(by: state.job.spreadOffset), interval: state.job.interval)
        state.grid = grid
        jobs[id] = state
        slots.insert(due: grid.firstSlot(atOrAfter: now), id: id, generation: state.generation)
    }

    /// Starts (or queues for the cap) every slot due at `now`, and queues each job's next slot.
    func fireDueSlots(now: C.Instant) {
        while let entry = slots.first, entry.due <= now {
            _ = slots.removeFirst()
            guard let state = jobs[entry.id], state.generation == entry.generation, let grid = state.grid else {
                continue
            }
            let (next, missed) = grid.slot(after: entry.due, firedAt: now)
            slots.insert(due: next, id: entry.id, generation: entry.generation)
            if running[entry.id] != nil || waitingIDs.contains(entry.id) {
                jobs[entry.id]?.skipped += 1
                counters.slotsSkipped += 1
            } else if running.count < maximumConcurrentRuns {
                start(entry.id, scheduled: entry.due)
            } else {
                waiting.append(WaitingRun(id: entry.id, generation: entry.generation, scheduled: entry.due))
                waitingIDs.insert(entry.id)
            }
            // Slots after this one that already passed belong to the next run's count.
            jobs[entry.id]?.skipped += missed
            counters.slotsSkipped += missed
        }
    }

    /// Cancels the task of every run past its deadline (once).
    func cancelOverdueRuns(now: C.Instant) {
        for (id, run) in running where !run.returned && !run.deadlineExceeded && run.deadline <= now {
            running[id]?.deadlineExceeded = true
            counters.deadlinesExceeded += 1
            run.task.cancel()
        }
    }

    /// The earliest live slot (while running) or run deadline; `nil` when there is neither.
    func nextWake() -> C.Instant? {
        var wake: C.Instant?
        if phase == .running {
            while let entry = slots.first, jobs[entry.id]?.generation != entry.generation {
                _ = slots.removeFirst()
            }
            wake = slots.first?.due
        }
        for run in running.values where !run.returned && !run.deadlineExceeded {
            wake = wake.map { min($0, run.deadline) } ?? run.deadline
        }
        return wake
    }

    /// Suspends the loop until `deadline` on the clock (forever if `nil`) or until `wakeNow()`.
    func idle(until deadline: C.Instant?) async {
        wakeToken &+= 1
        let token = wakeToken
        plannedWake = deadline
        await withCheckedContinuation { continuation in
            wakeContinuation = continuation
            if let deadline {
                sleeper = Task { [clock] in
                    try? await clock.sleep(until: deadline, tolerance: nil)
                    self.timerFired(token: token)
                }
            }
        }
    }

    /// The sleeper of idle number `token` woke; stale sleepers (already replaced) are ignored.
    func timerFired(token: Int) {
        guard token == wakeToken else { return }
        sleeper = nil
        resumeLoop()
    }

    /// Wakes the loop now, so it looks at changed state.
    func wakeNow() {
        wakeToken &+= 1
        sleeper?.cancel()
        sleeper = nil
        resumeLoop()
    }

    /// Wakes the loop if a run's new `deadline` is earlier than what it sleeps until.
    func noteDeadline(_ deadline: C.Instant) {
        guard wakeContinuation != nil else { return }
        if let plannedWake, plannedWake <= deadline { return }
        wakeNow()
    }

    private func resumeLoop() {
        plannedWake = nil
        if let continuation = wakeContinuation {
            wakeContinuation = nil
            continuation.resume()
        }
    }

    /// Graceful shutdown: start nothing more; running runs finish (or meet their deadline).
    func beginShutdown() {
        guard phase == .running else { return }
        phase = .shuttingDown
        dropWaitingRuns()
        wakeNow()
    }

    /// `run()` was cancelled: cancel every run and let the loop end once they have returned.
    func cancelAll() {
        guard phase == .running || phase == .shuttingDown else { return }
        phase = .cancelled
        dropWaitingRuns()
        for run in running.values { run.task.cancel() }
        wakeNow()
    }

    private func dropWaitingRuns() {
        waiting.removeAll()
        waitingHead = 0
        waitingIDs.removeAll()
    }
}
