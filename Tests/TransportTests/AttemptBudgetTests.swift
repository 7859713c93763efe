import Testing

@testable import Transport

/// How the deadline is shared among the addresses a name resolves to.
@Suite("Connect attempt budget")
struct AttemptBudgetTests {
    @Test(
        "each address gets an equal share of the time left, at least 250 ms; the last gets all of it",
        arguments: [
            (10_000, 2, 5_000),
            (10_000, 4, 2_500),
            (10_000, 1, 10_000),
            (600, 4, 250),
            (200, 3, 200),
        ])
    func budget(remainingMilliseconds: Int, addressesLeft: Int, expectedMilliseconds: Int) {
        let budget = TransportConnection.attemptBudget(
            remaining: .milliseconds(remainingMilliseconds), addressesLeft: addressesLeft)
        #expect(budget == .milliseconds(expectedMilliseconds))
    }
}
