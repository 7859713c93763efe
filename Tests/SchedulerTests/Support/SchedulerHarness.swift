import Scheduler
import Testing

typealias TestScheduler = Scheduler<Int, String, TestClock>

/// A scheduler on a test clock with fake jobs, for the length of one test.
struct SchedulerHarness {
    let clock: TestClock
    let fakes: FakeJobs
    let scheduler: TestScheduler
    /// Raised when `run()` has returned.
    let returned = Flag()

    init(
        cap: Int,
        jobs: [ScheduledJob<Int>],
        default defaultBehavior: FakeJobs.Behavior = .immediate,
        behaviors: [String: FakeJobs.Behavior] = [:]
    ) {
        let clock = TestClock()
        let fakes = FakeJobs(clock: clock, default: defaultBehavior, behaviors: behaviors)
        self.clock = clock
        self.fakes = fakes
        self.scheduler = TestScheduler(
            clock: clock, maximumConcurrentRuns: cap, jobs: jobs, work: fakes.work, sink: fakes.sink)
    }

    /// Runs the scheduler (started at test-clock zero) while `body` runs; then opens every gate and cancels it.
    func running(_ body: (SchedulerHarness) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await scheduler.run()
                await returned.raise()
            }
            let outcome: Result<Void, any Error>
            do {
                try await body(self)
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            await fakes.openAll()
            group.cancelAll()
            try await group.waitForAll()
            try outcome.get()
        }
    }

    /// Runs the scheduler while `body` runs, then waits for `run()` to return by itself. If `body` throws, it opens
    /// every gate and cancels the scheduler first, so a failing test fails instead of hanging.
    func runningToCompletion(_ body: (SchedulerHarness) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await scheduler.run()
                await returned.raise()
            }
            do {
                try await body(self)
            } catch {
                await fakes.openAll()
                group.cancelAll()
                try? await group.waitForAll()
                throw error
            }
            try await group.waitForAll()
        }
    }

    /// Waits until something sleeps until exactly `instant`, then moves the clock there.
    func step(to instant: TestClock.Instant, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let asleep = await eventually { clock.sleeperDeadlines.contains(instant) }
        try #require(asleep, "nothing sleeps until \(instant.offset); sleepers: \(clock.sleeperDeadlines.map(\.offset))", sourceLocation: sourceLocation)
        clock.advance(to: instant)
    }

    /// Waits until `count` runs were handed to the sink.
    func waitForRuns(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let reached = await eventually { await fakes.runs.count >= count }
        let got = await fakes.runs.count
        try #require(reached, "expected \(count) runs, got \(got)", sourceLocation: sourceLocation)
    }

    /// Waits until the work was called `count` times.
    func waitForCalls(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let reached = await eventually { await fakes.calls.count >= count }
        let got = await fakes.calls.count
        try #require(reached, "expected \(count) calls, got \(got)", sourceLocation: sourceLocation)
    }
}

extension TestClock.Instant {
    /// `offset` after the test clock's zero, where the harness's scheduler starts its grids.
    static func + (lhs: TestClock.Instant, rhs: Duration) -> TestClock.Instant { lhs.advanced(by: rhs) }
}
