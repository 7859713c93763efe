import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reuses `TLSClientContext`s across connections with the same configuration.
///
/// Building a context loads the system trust store and the CA file (most of a probe's CPU), so repeated probes of
/// one target share one. An entry is rebuilt when the CA file changes (device, inode, size or modification time)
/// or after `maxAge`, so a renewed CA file or system store is picked up; at most `limit` entries are kept. A
/// context that fails to build is never cached: the next call tries again and throws the same error.
public final class TLSClientContextCache: Sendable {
    private struct Key: Hashable {
        var configuration: TLSClientConfiguration
        var caFileStamp: [Int64]?
    }

    private struct Entry {
        var context: TLSClientContext
        var created: ContinuousClock.Instant
    }

    /// The longest an entry is reused.
    public let maxAge: Duration
    /// The most entries kept; the oldest is dropped to make room.
    public let limit: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = NIOLockedValueBox<[Key: Entry]>([:])

    /// A cache keeping up to `limit` contexts for up to `maxAge` each; `now` is the clock for the age.
    public init(
        maxAge: Duration = .seconds(300),
        limit: Int = 64,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.maxAge = maxAge
        self.limit = max(1, limit)
        self.now = now
    }

    /// A context for `configuration`: a cached one if still fresh, else a new one (cached if it builds).
    ///
    /// Throws what `TLSClientContext.init` throws.
    public func context(for configuration: TLSClientConfiguration) throws(TransportError) -> TLSClientContext {
        let key = Key(configuration: configuration, caFileStamp: configuration.caFile.flatMap(Self.stamp))
        let instant = now()
        let cached = entries.withLockedValue { entries -> TLSClientContext? in
            guard let entry = entries[key] else { return nil }
            guard instant - entry.created < maxAge else {
                entries[key] = nil
                return nil
            }
            return entry.context
        }
        if let cached { return cached }
        let context = try TLSClientContext(configuration)
        entries.withLockedValue { entries in
            if entries[key] == nil, entries.count >= limit,
                let oldest = entries.min(by: { $0.value.created < $1.value.created })?.key
            {
                entries[oldest] = nil
            }
            entries[key] = Entry(context: context, created: instant)
        }
        return context
    }

    /// How many contexts are cached.
    public var count: Int {
        entries.withLockedValue { $0.count }
    }

    /// The file's identity and version (device, inode, size, modification time), or nil if it cannot be read.
    private static func stamp(_ path: String) -> [Int64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return [
            Int64(info.st_dev), Int64(info.st_ino), Int64(info.st_size),
            Int64(modified.tv_sec), Int64(modified.tv_nsec),
        ]
    }
}
