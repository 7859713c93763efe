import Foundation
import Testing
import Transport

/// Reuse, expiry, CA-file change detection and the size bound of `TLSClientContextCache`.
@Suite struct TLSClientContextCacheTests {
    let pki: TestPKI

    init() async throws {
        pki = try await TestPKI()
    }

    @Test func sameConfigurationSharesOneContextAndAnotherGetsItsOwn() throws {
        defer { pki.remove() }
        let cache = TLSClientContextCache()
        let configuration = TLSClientConfiguration.forHost("localhost", caFile: pki.caFile)
        let first = try cache.context(for: configuration)
        #expect(try cache.context(for: configuration) === first)
        #expect(try cache.context(for: .forHost("other.test", caFile: pki.caFile)) !== first)
        #expect(cache.count == 2)
    }

    @Test func entryIsRebuiltAfterMaxAge() throws {
        defer { pki.remove() }
        let clock = ManualClock()
        let cache = TLSClientContextCache(maxAge: .seconds(60), now: { clock.now })
        let configuration = TLSClientConfiguration.forHost("localhost", caFile: pki.caFile)
        let first = try cache.context(for: configuration)
        clock.now += .seconds(59)
        #expect(try cache.context(for: configuration) === first)
        clock.now += .seconds(2)
        #expect(try cache.context(for: configuration) !== first)
    }

    @Test func changedCAFileIsReloadedAndUnreadableOneFailsEveryTime() throws {
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
        defer { pki.remove() }
        let clock = ManualClock()
        let cache = TLSClientContextCache(limit: 2, now: { clock.now })
        let hosts = ["a.test", "b.test", "c.test"]
        var contexts: [TLSClientContext] = []
        for host in hosts {
            contexts.append(try cache.context(for: .forHost(host, caFile: pki.caFile)))
            clock.now += .seconds(1)
        }
        #expect(cache.count == 2)
        #expect(try cache.context(for: .forHost("c.test", caFile: pki.caFile)) === contexts[2])
        #expect(try cache.context(for: .forHost("a.test", caFile: pki.caFile)) !== contexts[0])
    }
}

/// A settable instant for the cache's clock; the tests touch it from one task only.
private final class ManualClock: @unchecked Sendable {
    var now = ContinuousClock.now
}
