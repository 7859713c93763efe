import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A gate that blocking work waits at, on its own thread, until the test opens it (or a limit passes, so nothing
/// hangs a test run).
public final class Gate: Sendable {
    private let open = NIOLockedValueBox(false)

    public init() {}

    /// Lets every waiter through, now and later.
    public func release() { open.withLockedValue { $0 = true } }

    /// Blocks the calling thread until `release()`, at most `limit`.
    public func wait(limit: Duration = .seconds(5)) {
        let end = ContinuousClock.now.advanced(by: limit)
        while !open.withLockedValue({ $0 }), ContinuousClock.now < end { usleep(1_000) }
    }
}
