import BenchSupport
import Config
import Prober
import Transport

/// `--caller loop`: every probe awaited from one task that runs on the event loop its connections use, so nothing
/// wakes another thread between probes: the prober's own cost, as NIOFloor chains its dialogues on one loop. The
/// default caller, the main actor, hops into the prober and back for every probe, as any caller on another
/// executor does (the daemon's scheduler among them).
///
/// Returns the process CPU time and the clock after the warm-up probes, and each measured probe's wall time in
/// milliseconds.
func probesOnOneLoop(_ settings: ProbeSettings, count: Int, warmup: Int) async
    -> (cpuBefore: Double, wallBefore: ContinuousClock.Instant, walls: [Double])
{
    await NetworkThreads.shared.onOneLoop { threads in
        let prober = Prober(threads: threads)
        return await measuredRuns(count: count, warmup: warmup) { index in
            check(await prober.probe(settings, keepingTranscript: false), index, settings.tlsMode)
        }
    }
}
