import Foundation
import Testing
import Transport

/// Reuse, expiry, CA-file change detection and the size bound of `TLSClientContextCache`.
///
/// Only the CA-file test makes a PKI (it spawns openssl); the others use the system trust store alone.
@Suite struct TLSClientContextCacheTests {

    @Test func sameConfigurationSharesOneContextAndAnotherGetsItsOwn() throws {
        let cache = TLSClientContextCache()
        let configuration = TLSClientConfiguration.forHost("localhost")
        let first = try cache.context(for: configuration)
        #expect(try cache.context(for: configuration) === first)
        #expect(try cache.context(for: .forHost("other.test")) !== first)
        #expect(cache.count == 2)
    }

    @Test func entryIsRebuiltAfterMaxAge() throws {
        let clock = ManualClock()
        let cache = TLSClientContextCache(maxAge: .seconds(60), now: { clock.now })
        let configuration = TLSClientConfiguration.forHost("localhost")
        let first = try cache.context(for: configuration)
        clock.now += .seconds(59)
        #expect(try cache.context(for: configuration) === first)
        clock.now += .seconds(2)
        #expect(try cache.context(for: configuration) !== first)
    }

    @Test func changedCAFileIsReloadedAndUnreadableOneFailsEveryTime() async throws {
        let pki = try await TestPKI()
        defer { pki.remove() }
        let copy = pki.directory.appendingPathComponent("ca-copy.pem").path
        try FileManager.default.copyItem(atPath: pki.caFile, toPath: copy)
        let cache = TLSClientContextCache()
        let configuration = TLSClientConfiguration.forHost("localhost", caFile: copy)
        let first = try cache.context(for: configuration)
        let pem = try String(contentsOfFile: copy, encoding: .utf8)
        try (pem + pem).write(toFile: copy, atomically: false, encoding: .utf8)
        #expect(try cache.context(for: configuration) !== first)
        try FileManager.default.removeItem(atPath: copy)
        for _ in 0..<2 {
            #expect(throws: TransportError.self) { try cache.context(for: configuration) }
        }
    }

    @Test func oldestEntryMakesRoomAtTheLimit() throws {
        let clock = ManualClock()
        let cache = TLSClientContextCache(limit: 2, now: { clock.now })
        let hosts = ["a.test", "b.test", "c.test"]
        var contexts: [TLSClientContext] = []
        for host in hosts {
            contexts.append(try cache.context(for: .forHost(host)))
            clock.now += .seconds(1)
        }
        #expect(cache.count == 2)
        #expect(try cache.context(for: .forHost("c.test")) === contexts[2])
        #expect(try cache.context(for: .forHost("a.test")) !== contexts[0])
    }
}

/// A settable instant for the cache's clock; the tests touch it from one task only.
private final class ManualClock: @unchecked Sendable {
    var now = ContinuousClock.now
}
