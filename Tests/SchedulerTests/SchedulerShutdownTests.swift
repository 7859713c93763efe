import Scheduler
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@Suite("Scheduler shutdown", .timeLimit(.minutes(1)))
struct SchedulerShutdownTests {
    typealias Instant = TestClock.Instant

    @Test("graceful shutdown starts nothing new, lets the running run complete, then run() returns")
    func graceful() async throws {
        let jobs = ["stop-a", "stop-b"]
            .map { ScheduledJob(id: $0, interval: .seconds(3_600), timeout: .seconds(7_200), input: 0) }
            .sorted { $0.spreadOffset < $1.spreadOffset }
        let (o1, o2) = (Instant.at(jobs[0].spreadOffset), Instant.at(jobs[1].spreadOffset))
        let h = SchedulerHarness(cap: 1, jobs: jobs, default: .gate)
        try await testGracefulShutdown { trigger in
            try await h.runningToCompletion { h in
                try await h.step(to: o1)
                try await h.waitForCalls(1)
                try await h.step(to: o2)  // waits for the cap
                try #require(await eventually { await h.scheduler.statistics().waiting == 1 })

                trigger.triggerGracefulShutdown()
                try #require(await eventually { await h.scheduler.statistics().waiting == 0 })
                await settle()
                #expect(await !h.returned.isRaised)  // the first run is still going
                // Both jobs' next slots pass while it runs; none may start.
                h.clock.advance(to: o2 + .seconds(3_600))

                await h.fakes.open(jobs[0].id)
                try #require(await eventually { await h.returned.isRaised })
            }
        }
        await h.fakes.openAll()
        h.clock.advance(to: o2 + .seconds(100_000))
        await settle()
        #expect(await h.fakes.calls.map(\.id) == [jobs[0].id])
        let runs = await h.fakes.runs
        #expect(runs.count == 1 && runs.first?.result == "done" && runs.first?.deadlineExceeded == false)
        #expect(h.clock.sleeperDeadlines.isEmpty)
    }

    @Test("a run still going after graceful shutdown is cancelled at its deadline, then run() returns")
    func gracefulWithOverrun() async throws {
        let job = ScheduledJob(id: "overrun", interval: .seconds(60), timeout: .seconds(5), input: 0)
        let o = Instant.at(job.spreadOffset)
        let h = SchedulerHarness(cap: 2, jobs: [job], default: .sleep(.seconds(1_000)))
        try await testGracefulShutdown { trigger in
            try await h.runningToCompletion { h in
                try await h.step(to: o)
                try await h.waitForCalls(1)
                trigger.triggerGracefulShutdown()
                // Now the loop waits only for the run's deadline.
                try #require(await eventually { h.clock.sleeperDeadlines == [o + .seconds(5), o + .seconds(1_000)] })
                #expect(await !h.returned.isRaised)
                h.clock.advance(to: o + .seconds(5))
                try #require(await eventually { await h.returned.isRaised })
            }
        }
        let run = try #require(await h.fakes.runs.first)
        #expect(run.deadlineExceeded && run.result == "cancelled" && run.finished == o + .seconds(5))
    }

    @Test("cancelling run() cancels the running runs and returns once they have")
    func cancellation() async throws {
        let job = ScheduledJob(id: "cancelled", interval: .seconds(60), timeout: .seconds(500), input: 0)
        let o = Instant.at(job.spreadOffset)
        let h = SchedulerHarness(cap: 2, jobs: [job], default: .sleep(.seconds(100)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await h.scheduler.run() }
            try await h.step(to: o)
            try await h.waitForCalls(1)
            group.cancelAll()
            try await group.waitForAll()
        }
        let run = try #require(await h.fakes.runs.first)
        #expect(run.result == "cancelled" && run.finished == o && !run.deadlineExceeded)
        #expect(h.clock.sleeperDeadlines.isEmpty)
    }
}
