import Scheduler
import Testing

@Suite("Scheduler.update(jobs:)", .timeLimit(.minutes(1)))
struct SchedulerUpdateTests {
    typealias Instant = TestClock.Instant

    func job(_ id: String, every seconds: Int, input: Int = 0) -> ScheduledJob<Int> {
        ScheduledJob(id: id, interval: .seconds(seconds), timeout: .seconds(30), input: input)
    }

    @Test("added jobs start on their spread slot, removed ones stop, changed ones restart, equal ones are undisturbed")
    func replaceJobs() async throws {
        let keep = job("keep", every: 100)
        let drop = job("drop", every: 100)
        let change = job("change", every: 100, input: 1)
        let changed = job("change", every: 50, input: 2)
        let add = job("add", every: 100)
        let start = [keep, drop, change]
        let firstSlots = start.map { Instant.at($0.spreadOffset) }
        let (earliest, now) = (firstSlots.min()!, firstSlots.max()!)

        try await SchedulerHarness(cap: 10, jobs: start, behaviors: ["drop": .gate]).running { h in
            try #require(await eventually { h.clock.sleeperDeadlines == [earliest] })
            h.clock.advance(to: now)
            try await h.waitForCalls(3)
            try await h.waitForRuns(2)

            await h.scheduler.update(jobs: [keep, changed, add])
            // The removed job's run still finishes, but is not reported.
            await h.fakes.open("drop")
            try #require(await eventually { await h.scheduler.statistics().inFlight == 0 })
            #expect(await h.fakes.returned.contains("drop"))
            let afterUpdate = await h.scheduler.statistics()
            #expect(afterUpdate.runsDiscarded == 1 && afterUpdate.jobs == 3)

            // Every slot from now on, per job, on its own grid.
            func slots(of job: ScheduledJob<Int>, origin: Instant) -> [Instant] {
                var slot = origin
                while slot <= now { slot = slot + job.interval }
                if origin > now { slot = origin }
                return (0..<8).map { slot + job.interval * $0 }.filter { $0 <= now + .seconds(300) }
            }
            var expected: [String: [Instant]] = [
                "keep": slots(of: keep, origin: .at(keep.spreadOffset)),
                "change": slots(of: changed, origin: .at(changed.spreadOffset)),
                "add": slots(of: add, origin: .at(add.spreadOffset)),
            ]
            // A slot exactly at `now` runs now (the first slot at or after now).
            if Instant.at(add.spreadOffset) == now { expected["add"] = [now] + expected["add"]! }
            let instants = Set(expected.values.flatMap { $0 }).sorted()
            var runsSoFar = 2
            for instant in instants {
                try await h.step(to: instant)
                runsSoFar += expected.values.map { $0.filter { $0 == instant }.count }.reduce(0, +)
                try await h.waitForRuns(runsSoFar)
            }

            let runs = await h.fakes.runs
            #expect(runs.filter { $0.id == "drop" }.count == 1 - 1)
            #expect(await h.fakes.calls(of: "drop").count == 1)
            for (id, slots) in expected {
                let later = runs.filter { $0.id == id && $0.scheduled > now }.map(\.scheduled)
                #expect(later == slots.filter { $0 > now }, "\(id)")
            }
            let changedRuns = runs.filter { $0.id == "change" }
            #expect(changedRuns.first?.job.input == 1)
            #expect(changedRuns.dropFirst().allSatisfy { $0.job == changed })
            #expect(await h.fakes.calls(of: "change").dropFirst().allSatisfy { $0.input == 2 })
            #expect(runs.filter { $0.scheduled > now }.allSatisfy { $0.lag == .zero })
        }
    }

    @Test("a changed job whose old run is still going skips its new slots until that run ends")
    func changedWhileRunning() async throws {
        let old = job("busy", every: 100, input: 1)
        let new = job("busy", every: 10, input: 2)
        let o = Instant.at(old.spreadOffset)
        try await SchedulerHarness(cap: 4, jobs: [old], default: .gate).running { h in
            try await h.step(to: o)
            try await h.waitForCalls(1)
            await h.scheduler.update(jobs: [new])
            let grid = Grid(origin: .at(new.spreadOffset), interval: new.interval)
            // The new grid's first slot at or after now may be now itself (the same id hashes to related
            // offsets in 100 s and 10 s); it is skipped at once then, as the next one will be.
            let skips = grid.onGrid(o) ? 2 : 1
            let slot1 = grid.firstSlotAfter(o)
            try await h.step(to: slot1)  // the old run is still going: skipped
            try #require(await eventually { await h.scheduler.statistics().slotsSkipped == skips })
            try #require(await eventually { h.clock.sleeperDeadlines == [slot1 + .seconds(10)] })
            #expect(await h.fakes.calls.count == 1)
            await h.fakes.open("busy")
            try await h.waitForRuns(1)
            #expect(await h.fakes.runs.first?.job.input == 1)  // the old value's result is still reported
            try await h.step(to: slot1 + .seconds(10))
            try await h.waitForRuns(2)
            let second = try #require(await h.fakes.runs.last)
            #expect(second.job.input == 2 && second.scheduled == slot1 + .seconds(10))
            #expect(second.skippedSlots == skips)
        }
    }
}

/// The test's own arithmetic for a grid (independent of the scheduler's).
private struct Grid {
    let origin: TestClock.Instant
    let interval: Duration

    func firstSlotAfter(_ instant: TestClock.Instant) -> TestClock.Instant {
        var slot = origin
        while slot <= instant { slot = slot + interval }
        return slot
    }

    func onGrid(_ instant: TestClock.Instant) -> Bool {
        var slot = origin
        while slot < instant { slot = slot + interval }
        return slot == instant
    }
}
