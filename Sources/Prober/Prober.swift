import Config
import NIOConcurrencyHelpers
import Transport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one probe of one IMAP server and returns what happened as plain data.
///
/// The prober never writes metrics or sends alerts; callers do that with the result.
public struct Prober: Sendable {
    private let threads: NetworkThreads
    private let resolver: Resolver
    private let wallClock: @Sendable () -> Double
    private let tlsContexts: TLSClientContextCache
    private let redactors = SecretRedactorCache()
    private let warmUp = WarmUp()

    /// A prober whose connections run on `threads`; `wallClock` gives Unix time in seconds for `ProbeResult.startedAt`.
    ///
    /// Probes through one prober (and its copies) share TLS contexts from `tlsContexts`, so the trust anchors are
    /// loaded once per configuration rather than once per probe, and the forms of each secret that its redaction
    /// looks for. Host names are looked up by `resolver`, whose
    /// threads serve name lookups only.
    public init(
        threads: NetworkThreads = .shared,
        resolver: Resolver = Resolver(),
        wallClock: @escaping @Sendable () -> Double = Prober.unixTime,
        tlsContexts: TLSClientContextCache = TLSClientContextCache()
    ) {
        self.threads = threads
        self.resolver = resolver
        self.wallClock = wallClock
        self.tlsContexts = tlsContexts
    }

    /// Probes the server described by `settings`. Never throws: every failure is in the result, with its phase.
    ///
    /// Without `keepingTranscript` the result's transcript is empty and no line of it is rendered: for callers
    /// that never show it (scheduled probes, the Nagios plugin), which saves its cost on every probe.
    public func probe(_ settings: ProbeSettings, keepingTranscript: Bool = true) async -> ProbeResult {
        await probe(settings, keepingTranscript: keepingTranscript, watching: nil)
    }

    /// A probe, or with `watch` the mail-flow loop's mailbox session: the probe's phases to login, then the
    /// search for the loop's message and its clean-up instead of the mailbox phases.
    func probe(_ settings: ProbeSettings, keepingTranscript: Bool, watching watch: DeliveryWatch?) async -> ProbeResult {
        // Work that is the prober's, not the server's, happens before the clock starts: waking an event loop
        // and the task pool (their first use starts threads), and loading the trust anchors into a TLS context.
        if warmUp.isNeeded {
            await threads.wake()
            _ = try? await DeadlineRace.run(until: .now.advanced(by: .seconds(1)), onTimeout: { CancellationError() }) {}
        }
        let tlsContext: Result<TLSClientContext, TransportError>? =
            settings.tlsMode == .none
            ? nil
            : Result { () throws(TransportError) in
                try tlsContexts.context(for: ProbeRun.tlsConfiguration(for: settings))
            }
        let redactor = redactors.redactor(for: settings.credentials)
        let startedAt = wallClock()
        // The dialogue runs on its connection's event loop (`onOneLoop`), so no await on the connection hops threads.
        return await threads.onOneLoop { loop in
            await ProbeRun(
                settings: settings, threads: loop, resolver: resolver, tlsContext: tlsContext, redactor: redactor,
                wallClock: startedAt, keepingTranscript: keepingTranscript, watch: watch
            ).run()
        }
    }

    /// The system's wall clock as Unix seconds.
    @Sendable public static func unixTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// Whether a prober has woken its threads yet; true once, for the first probe.
private final class WarmUp: Sendable {
    private let done = NIOLockedValueBox(false)

    var isNeeded: Bool {
        done.withLockedValue { done in
            defer { done = true }
            return !done
        }
    }
}
