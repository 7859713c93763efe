import Scheduler

/// The fake jobs' work and the scheduler's sink: records every call, every delivered run and the concurrency.
actor FakeJobs {
    /// How one job's work behaves.
    enum Behavior: Sendable {
        /// Returns at once.
        case immediate
        /// Sleeps this long on the test clock (returns "cancelled" if its task is cancelled first).
        case sleep(Duration)
        /// Waits until the test opens the job's gate.
        case gate
    }

    /// One call of the work.
    struct Call: Sendable {
        var id: String
        var input: Int
        var at: TestClock.Instant
    }

    typealias Run = JobRun<Int, String, TestClock.Instant>

    let clock: TestClock
    private var behaviors: [String: Behavior]
    private let defaultBehavior: Behavior
    private(set) var calls: [Call] = []
    private(set) var runs: [Run] = []
    private(set) var inFlight = 0
    private(set) var maxInFlight = 0
    private(set) var returned: [String] = []
    private var openGates: Set<String> = []
    private var allGatesOpen = false
    private var gateWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(clock: TestClock, default defaultBehavior: Behavior = .immediate, behaviors: [String: Behavior] = [:]) {
        self.clock = clock
        self.defaultBehavior = defaultBehavior
        self.behaviors = behaviors
    }

    /// The scheduler's work closure.
    nonisolated var work: @Sendable (ScheduledJob<Int>) async -> String {
        { job in await self.perform(job) }
    }

    /// The scheduler's sink.
    nonisolated var sink: @Sendable (Run) async -> Void {
        { run in await self.record(run) }
    }

    func perform(_ job: ScheduledJob<Int>) async -> String {
        let start = clock.now
        calls.append(Call(id: job.id, input: job.input, at: start))
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
        var outcome = "done"
        switch behaviors[job.id] ?? defaultBehavior {
        case .immediate:
            break
        case .sleep(let duration):
            do { try await clock.sleep(until: start.advanced(by: duration), tolerance: nil) } catch { outcome = "cancelled" }
        case .gate:
            await waitForGate(job.id)
        }
        inFlight -= 1
        returned.append(job.id)
        return outcome
    }

    func record(_ run: Run) {
        runs.append(run)
    }

    func setBehavior(_ behavior: Behavior, for id: String) {
        behaviors[id] = behavior
    }

    /// Lets the gated work of `id` return (now and in later runs).
    func open(_ id: String) {
        openGates.insert(id)
        for waiter in gateWaiters.removeValue(forKey: id) ?? [] { waiter.resume() }
    }

    /// Opens every gate, now and in later runs.
    func openAll() {
        allGatesOpen = true
        for waiter in gateWaiters.values.flatMap({ $0 }) { waiter.resume() }
        gateWaiters = [:]
    }

    func calls(of id: String) -> [Call] { calls.filter { $0.id == id } }
    func runs(of id: String) -> [Run] { runs.filter { $0.id == id } }

    private func waitForGate(_ id: String) async {
        if allGatesOpen || openGates.contains(id) { return }
        await withCheckedContinuation { gateWaiters[id, default: []].append($0) }
    }
}
