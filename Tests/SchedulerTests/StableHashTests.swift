import Scheduler
import Testing

@Suite("Stable hash and spread offsets")
struct StableHashTests {
    @Test("FNV-1a 64 matches the published test vectors", arguments: [
        ("", 0xcbf2_9ce4_8422_2325 as UInt64),
        ("a", 0xaf63_dc4c_8601_ec8c),
        ("foobar", 0x8594_4171_f739_67e8),
    ])
    func fnvVectors(text: String, expected: UInt64) {
        #expect(StableHash.fnv1a64(text) == expected)
    }

    @Test("the finalised hash of a fixed id is a fixed number, whatever the process")
    func fixedHash() {
        #expect(StableHash.of("mail.example.org:993") == 0xdd55_5e8e_2ecc_16f2)
    }

    @Test("a fixed id's offset in its interval is a hard-computed value", arguments: [
        ("mail.example.org:993", Duration.seconds(60), Duration.nanoseconds(165_973_746)),
        ("a", .seconds(60), .nanoseconds(49_427_828_315)),
    ])
    func fixedOffset(id: String, interval: Duration, expected: Duration) {
        let job = ScheduledJob(id: id, interval: interval, timeout: .seconds(10), input: 0)
        #expect(job.spreadOffset == expected)
    }

    @Test("10,000 ids get distinct, stable offsets inside the interval, spread over all of it")
    func spread() {
        let interval = Duration.seconds(60)
        let ids = (0..<10_000).map { "imap\($0).example.org:993" }
        let offsets = ids.map { ScheduledJob(id: $0, interval: interval, timeout: .seconds(10), input: 0).spreadOffset }
        #expect(offsets.allSatisfy { $0 >= .zero && $0 < interval })
        #expect(Set(offsets).count == ids.count)
        let again = ids.map { ScheduledJob(id: $0, interval: interval, timeout: .seconds(1), input: 7).spreadOffset }
        #expect(again == offsets)
        // 60 one-second buckets hold about 167 each; no second may carry a burst.
        var buckets = [Int](repeating: 0, count: 60)
        for offset in offsets { buckets[Int(offset.components.seconds)] += 1 }
        #expect(buckets.max()! < 230)
        #expect(buckets.min()! > 110)
    }

    @Test("an interval below the minimum is raised, and the offset stays inside it")
    func minimumInterval() {
        let job = ScheduledJob(id: "x", interval: .zero, timeout: .seconds(-1), input: 0)
        #expect(job.interval == .milliseconds(1))
        #expect(job.timeout == .zero)
        #expect(job.spreadOffset < .milliseconds(1))
    }
}
