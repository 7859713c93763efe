import Testing

@testable import Alerting

/// Backoff with equal jitter, capped, with `Retry-After` as a floor.
@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test(arguments: [
        (1, 0.0, Duration.milliseconds(500)), (1, 1.0, .seconds(1)), (2, 0.0, .seconds(1)), (3, 0.5, .seconds(3)),
        (9, 0.0, .seconds(128)), (10, 0.0, .seconds(150)), (10, 1.0, .seconds(300)), (500, 0.99, .seconds(298.5)),
    ])
    func exponentialWithEqualJitterAndACap(attempt: Int, jitter: Double, expected: Duration) {
        #expect(policy.delay(afterAttempt: attempt, jitter: jitter) == expected)
    }

    @Test func retryAfterIsAFloorUpToTheMaximum() {
        #expect(policy.delay(afterAttempt: 1, jitter: 0, retryAfter: .seconds(7)) == .seconds(7))
        #expect(policy.delay(afterAttempt: 10, jitter: 1, retryAfter: .seconds(7)) == .seconds(300))
        #expect(policy.delay(afterAttempt: 1, jitter: 0, retryAfter: .seconds(86_400)) == .seconds(3600))
    }

    @Test func nonsenseInputsAreClamped() {
        #expect(policy.delay(afterAttempt: 0, jitter: -3) == .milliseconds(500))
        #expect(policy.delay(afterAttempt: 1, jitter: 7) == .seconds(1))
        let odd = RetryPolicy(initialDelay: .zero, maximumDelay: .zero, multiplier: 0.1)
        #expect(odd.delay(afterAttempt: 5, jitter: 1) == .milliseconds(1))
    }
}
