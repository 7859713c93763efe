extension Scheduler {
    /// Starts a run of `id` for the slot `scheduled`, now.
    func start(_ id: String, scheduled: C.Instant) {
        guard var state = jobs[id] else { return }
        let skipped = state.skipped
        state.skipped = 0
        jobs[id] = state
        let job = state.job
        nextRunID += 1
        let runID = nextRunID
        let started = clock.now
        let deadline = started.advanced(by: job.timeout)
        let task = Task { [clock, work, sink] in
            let result = await work(job)
            let finished = clock.now
            let outcome = self.runReturned(id: id, runID: runID)
            if outcome.deliver {
                await sink(
                    JobRun(
                        job: job,
                        scheduled: scheduled,
                        started: started,
                        finished: finished,
                        skippedSlots: skipped,
                        deadlineExceeded: outcome.deadlineExceeded,
                        result: result
                    )
                )
            }
            self.runEnded(id: id, runID: runID)
        }
        running[id] = RunningRun(runID: runID, deadline: deadline, task: task)
        counters.runsStarted += 1
        noteDeadline(deadline)
    }

    /// The work of a run returned: whether to hand it to the sink, and whether it was cancelled at its deadline.
    func runReturned(id: String, runID: Int) -> (deliver: Bool, deadlineExceeded: Bool) {
        guard var run = running[id], run.runID == runID else { return (false, false) }
        run.returned = true
        running[id] = run
        counters.runsFinished += 1
        let deliver = jobs[id] != nil
        if !deliver { counters.runsDiscarded += 1 }
        // The loop may be asleep until this run's deadline, which no longer matters: let it plan again.
        if wakeContinuation != nil, plannedWake == run.deadline { wakeNow() }
        return (deliver, run.deadlineExceeded)
    }

    /// A run is over (the sink returned): free its place under the cap and start waiting runs.
    func runEnded(id: String, runID: Int) {
        guard running[id]?.runID == runID else { return }
        running[id] = nil
        if phase == .running {
            startWaitingRuns()
        } else {
            wakeNow()
        }
    }

    /// Starts waiting runs, oldest first, while there is room under the cap.
    func startWaitingRuns() {
        while running.count < maximumConcurrentRuns, waitingHead < waiting.count {
            let next = waiting[waitingHead]
            waitingHead += 1
            guard jobs[next.id]?.generation == next.generation, waitingIDs.contains(next.id) else { continue }
            waitingIDs.remove(next.id)
            start(next.id, scheduled: next.scheduled)
        }
        if waitingHead == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            waitingHead = 0
        } else if waitingHead > 1024, waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }
}
