import NIOConcurrencyHelpers

/// The answer to one waiting caller, given at most once by whichever comes first (the work, a refusal, or the
/// caller's cancellation); later answers are dropped.
final class OneAnswer<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        case answered(Value)
        case done
    }

    private let state = NIOLockedValueBox<State>(.empty)

    /// Resumes `continuation` with the answer, now if it came already.
    func wait(with continuation: CheckedContinuation<Value, Never>) {
        let early: Value? = state.withLockedValue { state in
            switch state {
            case .empty:
                state = .waiting(continuation)
                return nil
            case .answered(let value):
                state = .done
                return value
            case .waiting, .done:
                return nil  // one waiter only; never reached
            }
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Whether an answer was given (the caller may have stopped waiting: then the work need not run).
    var isAnswered: Bool {
        state.withLockedValue { state in
            switch state {
            case .empty, .waiting: false
            case .answered, .done: true
            }
        }
    }

    /// Gives `value` as the answer unless one was given before.
    func give(_ value: Value) {
        let waiter: CheckedContinuation<Value, Never>? = state.withLockedValue { state in
            switch state {
            case .empty:
                state = .answered(value)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .answered, .done:
                return nil
            }
        }
        waiter?.resume(returning: value)
    }
}
