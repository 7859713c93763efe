import NIOConcurrencyHelpers
import Testing

@testable import Transport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Name resolution. Only numeric hosts: this machine's DNS server is not on loopback, and tests never leave it.
@Suite struct ResolverTests {
    @Test func numericIPv4IsReturnedAsIs() async throws {
        let addresses = try await Resolver().resolve(host: "127.0.0.1", port: 993)
        #expect(addresses == [try ResolvedAddress(ip: "127.0.0.1", port: 993)])
        #expect(addresses.first?.family == .ipv4)
        #expect(addresses.first?.description == "127.0.0.1:993")
    }

    @Test(arguments: ["::1", "[::1]"])
    func numericIPv6IsReturnedAsIs(host: String) async throws {
        let addresses = try await Resolver().resolve(host: host, port: 143)
        #expect(addresses.map(\.ip) == ["::1"])
        #expect(addresses.first?.family == .ipv6)
        #expect(addresses.first?.description == "[::1]:143")
    }

    @Test func portOutOfRangeIsAResolveFailure() async {
        await #expect(throws: TransportError.self) {
            try await Resolver().resolve(host: "127.0.0.1", port: 70000)
        }
    }

    /// `getaddrinfo` would read `127.0.0.1\0.example.org` as `127.0.0.1`: refused before C sees it.
    @Test(arguments: ["127.0.0.1\u{0}.example.org", "localhost\u{0}.example.org", "::1\u{0}x"])
    func aHostWithANULIsRefusedNotTruncated(host: String) async {
        await #expect {
            try await Resolver().resolve(host: host, port: 993)
        } throws: { error in
            (error as? TransportError)?.message == "the host name contains a NUL byte"
        }
        #expect(throws: TransportError.self) { try ResolvedAddress(ip: host, port: 993) }
    }

    @Test func resolvedAddressRejectsNames() {
        #expect(throws: TransportError.self) { try ResolvedAddress(ip: "localhost", port: 1) }
    }
}

/// The resolver's own executor: identical lookups in flight share one, distinct ones beyond the cap fail at once,
/// and a lookup nobody waits for any more holds only its own thread. With a stand-in lookup that blocks until the
/// test says (tests never ask a DNS server).
@Suite struct ResolverExecutorTests {
    /// A lookup that counts its calls and blocks until `release()` (at most 5 s).
    final class BlockingLookUp: Sendable {
        private let state = NIOLockedValueBox((calls: [String](), open: false))

        var calls: [String] { state.withLockedValue { $0.calls } }
        func release() { state.withLockedValue { $0.open = true } }

        func lookUp(host: String, port: Int) -> Result<[ResolvedAddress], TransportError> {
            state.withLockedValue { $0.calls.append(host) }
            let end = ContinuousClock.now.advanced(by: .seconds(5))
            while !state.withLockedValue({ $0.open }), ContinuousClock.now < end { usleep(1_000) }
            return Result { () throws(TransportError) in [try ResolvedAddress(ip: "192.0.2.1", port: port)] }
        }
    }

    func eventually(_ condition: () -> Bool) async throws {
        let end = ContinuousClock.now.advanced(by: .seconds(5))
        while !condition(), ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func identicalLookupsInFlightShareOneThread() async throws {
        let stub = BlockingLookUp()
        let resolver = Resolver(maximumLookups: 4, lookUp: stub.lookUp)
        let waiting = (0..<5).map { _ in Task { try await resolver.resolve(host: "mail.example.org", port: 993) } }
        try await eventually { stub.calls.count == 1 }
        try await Task.sleep(for: .milliseconds(50))
        stub.release()
        for task in waiting { #expect(try await task.value.map(\.description) == ["192.0.2.1:993"]) }
        #expect(stub.calls == ["mail.example.org"])
        #expect(resolver.statistics.rejected == 0)
    }

    @Test func distinctLookupsBeyondTheCapFailAtOnceAndAnAbandonedOneBlocksNoOther() async throws {
        let stub = BlockingLookUp()
        defer { stub.release() }
        let resolver = Resolver(maximumLookups: 2, lookUp: stub.lookUp)
        // A lookup whose probe gave up at its deadline: nobody waits for it, it still holds one thread.
        let abandoned = Task { try await resolver.resolve(host: "hangs.example.org", port: 993) }
        try await eventually { resolver.statistics.running == 1 }
        abandoned.cancel()
        let second = Task { try await resolver.resolve(host: "second.example.org", port: 993) }
        try await eventually { resolver.statistics.running == 2 }
        let before = ContinuousClock.now
        await #expect {
            try await resolver.resolve(host: "third.example.org", port: 993)
        } throws: { error in
            (error as? TransportError)?.message == "third.example.org: not looked up: 2 running and 0 waiting already"
        }
        #expect(ContinuousClock.now - before < .milliseconds(500), "refused at once")
        #expect(resolver.statistics.rejected == 1)
        stub.release()
        _ = try await second.value
        // Numeric hosts never take a place.
        #expect(try await resolver.resolve(host: "127.0.0.1", port: 1).count == 1)
    }
}
