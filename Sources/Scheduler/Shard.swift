/// One of `count` disjoint slices of the job ids, for splitting a fleet across several agents (`--shard i/n`).
///
/// An id belongs to shard `StableHash.of(id) % count`, so every id is in exactly one shard and every agent
/// computes the same answer. Indexes are zero-based, as in Prometheus' `hashmod`: `0/3`, `1/3`, `2/3`.
/// Changing `count` moves most ids to another shard.
public struct Shard: Hashable, Sendable, LosslessStringConvertible {
    /// This shard's index, in `0..<count`.
    public let index: Int
    /// How many shards the ids are split into; at least 1.
    public let count: Int

    /// The shard `index` of `count`; `nil` unless `count >= 1` and `0 <= index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `i/n` (decimal, no spaces) as in `--shard 1/4`; `nil` for anything else or an out-of-range index.
    public init?(_ description: String) {
        let parts = description.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
            let index = Int(parts[0]), let count = Int(parts[1])
        else { return nil }
        self.init(index: index, count: count)
    }

    /// The whole fleet: one shard holding every id.
    public static let all = Shard(index: 0, count: 1)!

    /// `i/n`, as parsed by `init?(_:)`.
    public var description: String { "\(index)/\(count)" }

    /// Whether `id` belongs to this shard.
    public func contains(_ id: String) -> Bool {
        StableHash.of(id) % UInt64(count) == UInt64(index)
    }

    /// The jobs whose ids belong to this shard, in their original order.
    public func filter<Input>(_ jobs: [ScheduledJob<Input>]) -> [ScheduledJob<Input>] {
        jobs.filter { contains($0.id) }
    }
}
