import Scheduler
import Testing

@Suite("Shards")
struct ShardTests {
    let ids = (0..<10_000).map { "target-\($0)" }

    @Test("every id is in exactly one shard", arguments: [1, 2, 3, 4, 7])
    func partition(count: Int) throws {
        let shards = try (0..<count).map { try #require(Shard(index: $0, count: count)) }
        for id in ids {
            #expect(shards.filter { $0.contains(id) }.count == 1, "\(id)")
        }
    }

    @Test("shards are roughly balanced")
    func balance() throws {
        let shards = try (0..<4).map { try #require(Shard(index: $0, count: 4)) }
        let sizes = shards.map { shard in ids.count(where: shard.contains) }
        #expect(sizes.reduce(0, +) == ids.count)
        for size in sizes { #expect(abs(size - 2_500) < 200, "sizes \(sizes)") }
    }

    @Test("a fixed id's shard is a hard-computed value")
    func fixedShard() throws {
        // StableHash.of("mail.example.org:993") % 3 == 0
        #expect(try #require(Shard("0/3")).contains("mail.example.org:993"))
        #expect(!(try #require(Shard("1/3")).contains("mail.example.org:993")))
    }

    @Test("parses i/n", arguments: [("0/1", 0, 1), ("2/3", 2, 3), ("9/10", 9, 10)])
    func parses(text: String, index: Int, count: Int) throws {
        let shard = try #require(Shard(text))
        #expect(shard.index == index && shard.count == count)
        #expect(shard.description == text)
    }

    @Test("rejects what is not i/n with 0 <= i < n", arguments: ["", "1", "3/3", "1/0", "-1/2", "a/b", "1/2/3", " 1/2", "1/", "/2", "+1/2"])
    func rejects(text: String) {
        #expect(Shard(text) == nil)
    }

    @Test("filter keeps a shard's jobs in order")
    func filter() throws {
        let shard = try #require(Shard(index: 1, count: 3))
        let jobs = ids.prefix(300).map { ScheduledJob(id: $0, interval: .seconds(60), timeout: .seconds(10), input: 0) }
        let kept = shard.filter(Array(jobs))
        #expect(kept.map(\.id) == jobs.map(\.id).filter(shard.contains))
        #expect(kept.count > 50 && kept.count < 150)
        #expect(Shard.all.filter(Array(jobs)).count == jobs.count)
    }
}
