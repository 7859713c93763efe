import BlockingWork
import NIOConcurrencyHelpers
import TestSupport
import Testing

/// A count shared with work on other threads.
final class Count: Sendable {
    private let value = NIOLockedValueBox(0)

    func increment() { value.withLockedValue { $0 += 1 } }
    var current: Int { value.withLockedValue { $0 } }
}

/// `BlockingExecutor`: its bounds (running, waiting, refused at once), its counts, and that work blocked past
/// its caller's patience holds only its own thread.
@Suite struct BlockingExecutorTests {
    /// Waits (at most 5 s) until `condition` holds.
    func eventually(_ condition: () -> Bool) async throws {
        let end = ContinuousClock.now.advanced(by: .seconds(5))
        while !condition(), ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func runsUpToItsConcurrencyQueuesUpToItsLimitAndRefusesTheRestAtOnce() async throws {
        let executor = BlockingExecutor(name: "test", concurrency: 2, queueLimit: 1)
        let gate = Gate()
        let started = Count()
        let blocked = (0..<3).map { _ in
            Task {
                try await executor.run {
                    started.increment()
                    gate.wait()
                    return 1
                }
            }
        }
        try await eventually { executor.statistics == .init(running: 2, queued: 1) }
        #expect(executor.statistics == .init(running: 2, queued: 1, rejected: 0))
        try await eventually { started.current == 2 }
        try await Task.sleep(for: .milliseconds(20))
        #expect(started.current == 2, "the third waits in the queue")

        let before = ContinuousClock.now
        await #expect(throws: BlockingExecutor.Rejected(executor: "test", reason: "2 running and 1 waiting already")) {
            try await executor.run { 0 }
        }
        #expect(ContinuousClock.now - before < .milliseconds(500), "refused at once, not after the gate")
        #expect(executor.statistics.rejected == 1)

        gate.release()
        for task in blocked { #expect(try await task.value == 1) }
        try await eventually { executor.statistics.running == 0 }
        #expect(executor.statistics == .init(running: 0, queued: 0, rejected: 1))
        #expect(started.current == 3)
        #expect(try await executor.run { 7 } == 7, "places free again")
    }

    @Test func workAbandonedByItsCallerHoldsOnlyItsOwnThread() async throws {
        let executor = BlockingExecutor(name: "test", concurrency: 4, queueLimit: 0)
        let gate = Gate()
        defer { gate.release() }
        // The caller stops waiting (as a probe does at its deadline); the work goes on blocking.
        let abandoned = Task { try await executor.run { gate.wait(); return 0 } }
        try await eventually { executor.statistics.running == 1 }
        abandoned.cancel()
        // The caller stops waiting at once (a daemon shutting down), the work goes on.
        await #expect(throws: BlockingExecutor.Rejected(executor: "test", reason: "cancelled; the call goes on until it returns")) {
            try await abandoned.value
        }
        #expect(executor.statistics.running == 1)
        // Other work is not queued behind it.
        let before = ContinuousClock.now
        #expect(try await executor.run { 2 } == 2)
        #expect(ContinuousClock.now - before < .milliseconds(500))
        // The quick one's thread gives its place back just after its caller has the answer.
        try await eventually { executor.statistics.running == 1 }
        #expect(executor.statistics.running == 1)
    }

    @Test func workWhoseCallerStoppedWaitingWhileQueuedIsNeverRun() async throws {
        let executor = BlockingExecutor(name: "test", concurrency: 1, queueLimit: 1)
        let gate = Gate()
        defer { gate.release() }
        let ran = Count()
        let blocking = Task { try await executor.run { gate.wait() } }
        try await eventually { executor.statistics.running == 1 }
        let queued = Task { try await executor.run { ran.increment() } }
        try await eventually { executor.statistics.queued == 1 }
        queued.cancel()
        await #expect(throws: BlockingExecutor.Rejected.self) { try await queued.value }
        gate.release()
        try await blocking.value
        try await eventually { executor.statistics.running == 0 }
        #expect(ran.current == 0, "a bcrypt or a send nobody waits for is not done")
        #expect(executor.statistics == .init(running: 0, queued: 0, rejected: 0))
    }

    @Test func separateExecutorsNeverWaitForEachOther() async throws {
        let delivery = BlockingExecutor(name: "delivery", concurrency: 1, queueLimit: 8)
        let resolver = BlockingExecutor(name: "resolver", concurrency: 1, queueLimit: 0)
        let gate = Gate()
        defer { gate.release() }
        let hung = (0..<4).map { _ in Task { try await delivery.run { gate.wait(); return 0 } } }
        try await eventually { delivery.statistics == .init(running: 1, queued: 3) }
        let before = ContinuousClock.now
        #expect(try await resolver.run { 1 } == 1)
        #expect(ContinuousClock.now - before < .milliseconds(500))
        gate.release()
        for task in hung { _ = try await task.value }
    }
}
