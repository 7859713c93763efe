import NIOConcurrencyHelpers

/// Runs an operation that cannot be cancelled (a blocking name lookup) against a deadline.
///
/// Returns the operation's value if it finishes first; otherwise throws `onTimeout()` at the deadline and leaves
/// the operation to finish on its own in the background, its result discarded.
enum DeadlineRace {
    static func run<T: Sendable>(
        until deadline: ContinuousClock.Instant,
        onTimeout: @escaping @Sendable () -> any Error,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let once = ResumeOnce(continuation)
            let timer = Task {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                } catch {
                    return  // Cancelled: the operation finished first.
                }
                once.resume(with: .failure(onTimeout()))
            }
            Task {
                let outcome: Result<T, any Error>
                do {
                    outcome = .success(try await operation())
                } catch {
                    outcome = .failure(error)
                }
                once.resume(with: outcome)
                timer.cancel()
            }
        }
    }
}

/// A continuation that the first of several racers resumes; later calls do nothing.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: NIOLockedValueBox<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = NIOLockedValueBox(continuation)
    }

    func resume(with result: Result<T, any Error>) {
        continuation.withLockedValue { $0.take() }?.resume(with: result)
    }
}
