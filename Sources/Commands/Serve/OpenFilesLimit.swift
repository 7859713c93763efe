#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`). `serve` raises its soft limit to the hard one at start,
/// as Go programs do: each probe in flight holds a socket, so `--probe.concurrency` in the thousands needs more
/// than the soft limit of 1024 that systemd and most shells give.
struct OpenFilesLimit: Equatable, CustomStringConvertible {
    var soft: UInt64
    var hard: UInt64

    /// The current limits, or `nil` when `getrlimit` fails.
    static func current() -> OpenFilesLimit? {
        var limit = rlimit()
        #if canImport(Glibc)
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        #else
        guard getrlimit(RLIMIT_NOFILE, &limit) == 0 else { return nil }
        #endif
        return OpenFilesLimit(soft: UInt64(limit.rlim_cur), hard: UInt64(limit.rlim_max))
    }

    /// Sets the soft limit to the hard limit (on macOS at most `OPEN_MAX`, the most its kernel accepts for a
    /// soft limit); the limits before and after, or `nil` when either call fails.
    static func raiseSoftToHard() -> (before: OpenFilesLimit, after: OpenFilesLimit)? {
        guard let before = current() else { return nil }
        #if canImport(Darwin)
        let target = min(before.hard, UInt64(OPEN_MAX))
        #else
        let target = before.hard
        #endif
        guard before.soft < target else { return (before, before) }
        var limit = rlimit(rlim_cur: rlim_t(target), rlim_max: rlim_t(before.hard))
        #if canImport(Glibc)
        guard setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        #else
        guard setrlimit(RLIMIT_NOFILE, &limit) == 0 else { return nil }
        #endif
        guard let after = current() else { return nil }
        return (before, after)
    }

    var description: String {
        "\(Self.text(soft))/\(Self.text(hard))"
    }

    /// `RLIM_INFINITY` is all ones.
    private static func text(_ value: UInt64) -> String {
        value == UInt64.max ? "unlimited" : "\(value)"
    }
}
