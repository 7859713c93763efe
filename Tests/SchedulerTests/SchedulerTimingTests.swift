import Scheduler
import Testing

@Suite("Scheduler timing on a test clock", .timeLimit(.minutes(1)))
struct SchedulerTimingTests {
    typealias Instant = TestClock.Instant

    @Test("the first run is at the spread offset, later runs on the fixed grid, with no lag")
    func fixedGrid() async throws {
        let job = ScheduledJob(id: "alpha", interval: .seconds(10), timeout: .seconds(5), input: 1)
        let offset = job.spreadOffset
        let expected = (0..<5).map { Instant.at(offset + .seconds(10) * $0) }
        try await SchedulerHarness(cap: 4, jobs: [job]).running { h in
            for (index, slot) in expected.enumerated() {
                try await h.step(to: slot)
                try await h.waitForRuns(index + 1)
            }
            let runs = await h.fakes.runs
            #expect(runs.map(\.scheduled) == expected)
            #expect(runs.map(\.started) == expected)
            #expect(runs.allSatisfy { $0.lag == .zero && $0.skippedSlots == 0 && !$0.deadlineExceeded })
            #expect(runs.allSatisfy { $0.result == "done" && $0.id == "alpha" })
            #expect(await h.fakes.calls.map(\.at) == expected)
        }
    }

    @Test("a late wake-up shows as lag but does not move the grid; slots that passed are skipped, not burst")
    func lateWakeUpKeepsTheGrid() async throws {
        let job = ScheduledJob(id: "bravo", interval: .seconds(10), timeout: .seconds(5), input: 1)
        let o = Instant.at(job.spreadOffset)
        try await SchedulerHarness(cap: 4, jobs: [job]).running { h in
            try await h.step(to: o)
            try await h.waitForRuns(1)
            // The timer sleeps until o+10; it wakes 3 s late.
            try #require(await eventually { h.clock.sleeperDeadlines == [o + .seconds(10)] })
            h.clock.advance(to: o + .seconds(13))
            try await h.waitForRuns(2)
            // The next slot is o+20, not o+23.
            try await h.step(to: o + .seconds(20))
            try await h.waitForRuns(3)
            // Wakes 15 s late for o+30: o+40 has passed too and is skipped.
            try #require(await eventually { h.clock.sleeperDeadlines == [o + .seconds(30)] })
            h.clock.advance(to: o + .seconds(45))
            try await h.waitForRuns(4)
            try await h.step(to: o + .seconds(50))
            try await h.waitForRuns(5)

            let runs = await h.fakes.runs
            #expect(runs.map(\.scheduled) == [0, 10, 20, 30, 50].map { o + .seconds($0) })
            #expect(runs.map(\.started) == [0, 13, 20, 45, 50].map { o + .seconds($0) })
            #expect(runs.map(\.lag) == [0, 3, 0, 15, 0].map { Duration.seconds($0) })
            #expect(runs.map(\.skippedSlots) == [0, 0, 0, 0, 1])
            #expect(await h.fakes.calls.count == 5)
            #expect(await h.scheduler.statistics().slotsSkipped == 1)
        }
    }

    @Test("waiting for the concurrency cap is lag: start minus scheduled")
    func lagUnderCap() async throws {
        let jobs = ["lag-a", "lag-b"]
            .map { ScheduledJob(id: $0, interval: .seconds(3_600), timeout: .seconds(7_200), input: 0) }
            .sorted { $0.spreadOffset < $1.spreadOffset }
        let first = jobs[0]
        let second = jobs[1]
        let (o1, o2) = (Instant.at(first.spreadOffset), Instant.at(second.spreadOffset))
        try #require(o1 < o2 && o2 + .seconds(2) < o1 + .seconds(3_600))
        try await SchedulerHarness(cap: 1, jobs: jobs, default: .gate).running { h in
            try await h.step(to: o1)
            try await h.waitForCalls(1)
            try await h.step(to: o2)
            try #require(await eventually { await h.scheduler.statistics().waiting == 1 })
            #expect(await h.fakes.calls.count == 1)
            // Two seconds later the first run returns and frees the cap.
            try #require(await eventually { h.clock.sleeperDeadlines == [o1 + .seconds(3_600)] })
            h.clock.advance(to: o2 + .seconds(2))
            await h.fakes.open(first.id)
            try await h.waitForCalls(2)
            await h.fakes.open(second.id)
            try await h.waitForRuns(2)

            let runs = await h.fakes.runs
            let late = try #require(runs.first { $0.id == second.id })
            #expect(late.scheduled == o2)
            #expect(late.started == o2 + .seconds(2))
            #expect(late.lag == .seconds(2))
            let onTime = try #require(runs.first { $0.id == first.id })
            #expect(onTime.lag == .zero)
            #expect(onTime.finished == o2 + .seconds(2))
        }
    }
}
