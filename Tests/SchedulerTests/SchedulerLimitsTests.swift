import Scheduler
import Testing

@Suite("Scheduler cap, overlap and deadlines", .timeLimit(.minutes(1)))
struct SchedulerLimitsTests {
    typealias Instant = TestClock.Instant

    @Test("with 10 slow jobs due at once and a cap of 3, never more than 3 are in flight")
    func cap() async throws {
        let jobs = (0..<10).map { ScheduledJob(id: "cap-\($0)", interval: .seconds(3_600), timeout: .seconds(7_200), input: $0) }
        let offsets = jobs.map(\.spreadOffset)
        let (earliest, latest) = (Instant.at(offsets.min()!), Instant.at(offsets.max()!))
        try await SchedulerHarness(cap: 3, jobs: jobs, default: .gate).running { h in
            try #require(await eventually { h.clock.sleeperDeadlines == [earliest] })
            h.clock.advance(to: latest)
            try await h.waitForCalls(3)
            try #require(await eventually { await h.scheduler.statistics().waiting == 7 })
            await settle()
            #expect(await h.fakes.calls.count == 3)
            #expect(await h.scheduler.statistics().inFlight == 3)

            await h.fakes.openAll()
            try await h.waitForRuns(10)
            #expect(await h.fakes.maxInFlight == 3)
            let statistics = await h.scheduler.statistics()
            #expect(statistics.runsStarted == 10 && statistics.inFlight == 0 && statistics.waiting == 0)
            let runs = await h.fakes.runs
            #expect(Set(runs.map(\.id)).count == 10)
            #expect(runs.allSatisfy { $0.started == latest && $0.lag == $0.scheduled.duration(to: latest) })
        }
    }

    @Test("a run still going at its job's next slot makes that slot skipped and counted, never a second run")
    func noOverlap() async throws {
        let job = ScheduledJob(id: "slow", interval: .seconds(10), timeout: .seconds(60), input: 0)
        let o = Instant.at(job.spreadOffset)
        try await SchedulerHarness(cap: 4, jobs: [job], default: .sleep(.seconds(15))).running { h in
            try await h.step(to: o)
            try await h.waitForCalls(1)
            try await h.step(to: o + .seconds(10))  // the run is still going: skipped
            try #require(await eventually { await h.scheduler.statistics().slotsSkipped == 1 })
            try await h.step(to: o + .seconds(15))
            try await h.waitForRuns(1)
            try await h.step(to: o + .seconds(20))
            try await h.waitForCalls(2)
            try await h.step(to: o + .seconds(30))  // skipped again
            try #require(await eventually { await h.scheduler.statistics().slotsSkipped == 2 })
            try await h.step(to: o + .seconds(35))
            try await h.waitForRuns(2)

            #expect(await h.fakes.maxInFlight == 1)
            #expect(await h.fakes.calls.map(\.at) == [o, o + .seconds(20)])
            let runs = await h.fakes.runs
            #expect(runs.map(\.scheduled) == [o, o + .seconds(20)])
            #expect(runs.map(\.skippedSlots) == [0, 1])
            #expect(runs.map(\.duration) == [.seconds(15), .seconds(15)])
            #expect(await h.scheduler.statistics().slotsSkipped == 2)
        }
    }

    @Test("a run past its timeout is cancelled at start + timeout and reported as such")
    func deadline() async throws {
        let job = ScheduledJob(id: "hung", interval: .seconds(10), timeout: .seconds(4), input: 0)
        let o = Instant.at(job.spreadOffset)
        try await SchedulerHarness(cap: 4, jobs: [job], default: .sleep(.seconds(100))).running { h in
            try await h.step(to: o)
            try await h.waitForCalls(1)
            try await h.step(to: o + .seconds(4))
            try await h.waitForRuns(1)
            let run = try #require(await h.fakes.runs.first)
            #expect(run.deadlineExceeded)
            #expect(run.result == "cancelled")
            #expect(run.finished == o + .seconds(4))
            #expect(await h.scheduler.statistics().deadlinesExceeded == 1)
            // The job goes on at its next slot.
            try await h.step(to: o + .seconds(10))
            try await h.waitForCalls(2)
        }
    }
}
