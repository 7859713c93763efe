import NIOConcurrencyHelpers

/// Runs blocking work of one kind (name lookups, bcrypt, libcurl) on threads of its own, with bounds: at most
/// `concurrency` pieces run at once, at most `queueLimit` more wait, and anything beyond is refused at once
/// instead of queued.
///
/// Each kind of work gets its own executor, so one kind can never make another wait: a resolver that does not
/// answer, a flood of bcrypt checks or a webhook that hangs fills only its own executor. Work runs on a thread
/// started for it (and goes on to take queued work before it ends), so a piece that blocks far past its caller's
/// deadline holds only that thread, never a worker that other work is queued for. No thread outlives its work;
/// an executor needs no shutdown.
public final class BlockingExecutor: Sendable {
    /// What an executor is doing.
    public struct Statistics: Sendable, Hashable {
        /// Pieces of work running now.
        public var running: Int
        /// Pieces waiting for a place.
        public var queued: Int
        /// Pieces refused since the start because `concurrency + queueLimit` were taken.
        public var rejected: Int

        /// Counts of these values.
        public init(running: Int = 0, queued: Int = 0, rejected: Int = 0) {
            self.running = running
            self.queued = queued
            self.rejected = rejected
        }
    }

    /// Work refused because the executor was full (or the system gave no thread).
    public struct Rejected: Error, Sendable, Hashable, CustomStringConvertible {
        /// The executor's name.
        public var executor: String
        /// Why, in words.
        public var reason: String

        /// A refusal by `executor`, for `reason`.
        public init(executor: String, reason: String) {
            self.executor = executor
            self.reason = reason
        }

        public var description: String { "\(executor): \(reason)" }
    }

    /// Work waiting for a place, with what to call if it never gets one.
    private struct Queued {
        var job: @Sendable () -> Void
        var refuse: @Sendable (Rejected) -> Void
    }

    private struct State {
        var statistics = Statistics()
        /// At most `queueLimit` long, so removing from its front stays cheap.
        var queue: [Queued] = []
    }

    /// The name used in errors and metrics (`resolver`, `auth`, `delivery`).
    public let name: String
    /// How many pieces run at once at most.
    public let concurrency: Int
    /// How many pieces may wait beyond those running.
    public let queueLimit: Int
    private let state = NIOLockedValueBox(State())

    /// An executor running at most `concurrency` (at least 1) pieces at once with `queueLimit` (at least 0) more
    /// waiting.
    public init(name: String, concurrency: Int, queueLimit: Int) {
        self.name = name
        self.concurrency = max(concurrency, 1)
        self.queueLimit = max(queueLimit, 0)
    }

    /// The counts now.
    public var statistics: Statistics { state.withLockedValue { $0.statistics } }

    /// Runs `work` on a thread of this executor and returns its value; throws `Rejected` at once when
    /// `concurrency` pieces run and `queueLimit` wait already.
    ///
    /// Cancelling the caller does not stop `work` (blocking C calls cannot be interrupted), but the caller stops
    /// waiting for it at once and gets `Rejected` ("cancelled"): a daemon shutting down is not held up by a send
    /// or a lookup that hangs. The thread ends when `work` returns; its value is then dropped.
    public func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async throws(Rejected) -> Value {
        let answer = OneAnswer<Result<Value, Rejected>>()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                answer.wait(with: continuation)
                // A caller cancelled before this point has its answer already: nothing to run.
                guard !answer.isAnswered else { return }
                submit {
                    // A caller that stopped waiting while this was queued needs no answer: skip the work.
                    guard !answer.isAnswered else { return }
                    answer.give(.success(work()))
                } onRefusal: { answer.give(.failure($0)) }
            }
        } onCancel: {
            answer.give(.failure(Rejected(executor: name, reason: "cancelled; the call goes on until it returns")))
        }
        return try outcome.get()
    }

    /// Starts `job` on a thread now, queues it, or calls `onRefusal` at once (exactly one of these), for callers
    /// that answer through callbacks rather than `await`.
    public func submit(_ job: @escaping @Sendable () -> Void, onRefusal: @escaping @Sendable (Rejected) -> Void) {
        enum Admission { case start, queued, full }
        let admission = state.withLockedValue { state -> Admission in
            if state.statistics.running < concurrency {
                state.statistics.running += 1
                return .start
            }
            if state.statistics.queued < queueLimit {
                state.queue.append(Queued(job: job, refuse: onRefusal))
                state.statistics.queued += 1
                return .queued
            }
            state.statistics.rejected += 1
            return .full
        }
        switch admission {
        case .queued:
            return
        case .full:
            onRefusal(Rejected(executor: name, reason: "\(concurrency) running and \(queueLimit) waiting already"))
        case .start:
            guard DetachedThread.start({ [self] in work(first: job) }) else {
                // With no thread left running, nothing would take the queued work: refuse it too.
                let stranded = state.withLockedValue { state -> [Queued] in
                    state.statistics.running -= 1
                    state.statistics.rejected += 1
                    guard state.statistics.running == 0 else { return [] }
                    let stranded = state.queue
                    state.queue.removeAll()
                    state.statistics.queued = 0
                    state.statistics.rejected += stranded.count
                    return stranded
                }
                let rejected = Rejected(executor: name, reason: "the system refused a thread")
                onRefusal(rejected)
                for queued in stranded { queued.refuse(rejected) }
                return
            }
        }
    }

    /// The body of a thread: `first`, then queued jobs until none is left.
    private func work(first: @escaping @Sendable () -> Void) {
        var job = first
        while true {
            job()
            let next = state.withLockedValue { state -> (@Sendable () -> Void)? in
                guard !state.queue.isEmpty else {
                    state.statistics.running -= 1
                    return nil
                }
                state.statistics.queued -= 1
                return state.queue.removeFirst().job
            }
            guard let next else { return }
            job = next
        }
    }
}
