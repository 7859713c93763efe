import NIOConcurrencyHelpers

/// What passes between the loop's two sessions while both run: the mailbox session says once it is logged in (so
/// that nothing is submitted to a mailbox the loop cannot read), and the submission says when the server accepted
/// the message (so that the delivery is timed from then, by a session already open, and not from after a login).
///
/// Set from the connections' event loops and the loop's task; every state changes once, under a lock.
final class SubmissionSignal: Sendable {
    /// Where the submission stands, as the mailbox session sees it.
    enum Acceptance: Sendable {
        /// Not accepted yet (or not yet sent).
        case pending
        /// Accepted at this instant.
        case accepted(ContinuousClock.Instant)
        /// Refused or failed, or never sent: nothing will arrive.
        case abandoned
    }

    private struct State {
        var ready: Bool?
        var readyWaiter: CheckedContinuation<Bool, Never>?
        var acceptance = Acceptance.pending
        var whenSettled: (@Sendable () -> Void)?
    }

    private let state = NIOLockedValueBox(State())

    /// A signal for a loop whose message is not sent yet.
    init() {}

    /// A signal for a message an earlier run sent, accepted at `acceptedAt`: the session need not wait.
    init(acceptedAt: ContinuousClock.Instant) {
        state.withLockedValue {
            $0.ready = true
            $0.acceptance = .accepted(acceptedAt)
        }
    }

    /// The mailbox session is logged in (`true`), or ended without (`false`); the first call counts.
    func mailboxReady(_ ready: Bool) {
        let waiter: CheckedContinuation<Bool, Never>? = state.withLockedValue { state in
            guard state.ready == nil else { return nil }
            state.ready = ready
            let waiter = state.readyWaiter
            state.readyWaiter = nil
            return waiter
        }
        waiter?.resume(returning: ready)
    }

    /// Waits until the mailbox session is logged in (`true`) or has ended without (`false`).
    func mailboxReady() async -> Bool {
        await withCheckedContinuation { continuation in
            let known: Bool? = state.withLockedValue {
                if let ready = $0.ready { return ready }
                $0.readyWaiter = continuation
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
    }

    /// The submission ended: accepted at `instant`, or (nil) not. Calls what `whenSettled` registered.
    func submission(acceptedAt instant: ContinuousClock.Instant?) {
        let action: (@Sendable () -> Void)? = state.withLockedValue { state in
            guard case .pending = state.acceptance else { return nil }
            state.acceptance = instant.map { .accepted($0) } ?? .abandoned
            let action = state.whenSettled
            state.whenSettled = nil
            return action
        }
        action?()
    }

    /// Calls `action` once the submission has ended (at once if it has): the mailbox session's wake-up, so that
    /// its first search follows the acceptance without polling for it.
    func whenSettled(_ action: @escaping @Sendable () -> Void) {
        let settled: Bool = state.withLockedValue { state in
            guard case .pending = state.acceptance else { return true }
            state.whenSettled = action
            return false
        }
        if settled { action() }
    }

    /// Where the submission stands now.
    var acceptance: Acceptance { state.withLockedValue { $0.acceptance } }
}
