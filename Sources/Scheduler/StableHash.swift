/// A hash of a job id that is the same in every process, on every machine, across restarts.
///
/// Swift's `Hasher` is seeded randomly per process, so it cannot place a target on the same spread slot or shard
/// twice. This is FNV-1a (64-bit) over the id's UTF-8 bytes, followed by the MurmurHash3 `fmix64` finaliser.
/// The finaliser matters: FNV-1a's low bits are weak (its lowest bit is just the parity of the bytes' lowest bits),
/// and both the spread offset and the shard take the hash modulo a small or round number.
public enum StableHash {
    /// The stable 64-bit hash of `id`: `fmix64(fnv1a64(id))`.
    public static func of(_ id: String) -> UInt64 {
        finalize(fnv1a64(id))
    }

    /// Plain 64-bit FNV-1a of the UTF-8 bytes of `text` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// MurmurHash3's 64-bit finaliser: every output bit depends on every input bit.
    static func finalize(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
