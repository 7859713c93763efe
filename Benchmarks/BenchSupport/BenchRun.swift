// What the in-process benchmarks (ProbeBench, NIOFloor) share: how they fail, read a secret, measure and report.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints "<program>: message" on standard error and exits with `code`.
public func fail(_ message: String, code: Int32 = 1) -> Never {
    let program = CommandLine.arguments.first?.split(separator: "/").last.map(String.init) ?? "bench"
    let line = Array("\(program): \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(code)
}

/// The file's text without trailing line breaks and spaces; exits if it cannot be read.
public func readSecret(_ path: String) -> String {
    guard let file = fopen(path, "r") else { fail("cannot read \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    var text = String(decoding: bytes, as: UTF8.self)
    while let last = text.last, last.isNewline || last == " " { text.removeLast() }
    return text
}

/// User + system CPU of the whole process (every thread), in milliseconds.
public func processCPUMilliseconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
    return ms(usage.ru_utime) + ms(usage.ru_stime)
}

public func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

/// Runs `run` for `warmup` unmeasured runs (indices -1, -2, ...), then for `count` measured ones (0, 1, ...), on the
/// caller's executor. Returns the process CPU time and the clock after the warm-up, and each measured run's wall time
/// in milliseconds.
public nonisolated(nonsending) func measuredRuns(count: Int, warmup: Int, _ run: (Int) async -> Void) async
    -> (cpuBefore: Double, wallBefore: ContinuousClock.Instant, walls: [Double])
{
    for index in 0..<warmup {
        await run(-1 - index)
    }
    var walls: [Double] = []
    walls.reserveCapacity(count)
    let cpuBefore = processCPUMilliseconds()
    let wallBefore = ContinuousClock.now
    for index in 0..<count {
        let began = ContinuousClock.now
        await run(index)
        walls.append(milliseconds(.now - began))
    }
    return (cpuBefore, wallBefore, walls)
}

/// The result line scripts/bench.sh reads (`cpu_ms_per_probe=`, `wall_ms_median=`), after `label`: CPU per probe
/// over `count` probes, the nearest-rank median and p90 of `walls`, and the totals.
public func reportLine(label: String, count: Int, warmup: Int, cpuTotal: Double, walls: [Double], wallTotal: Double)
    -> String
{
    let sorted = walls.sorted()
    func percentile(_ p: Double) -> Double {
        sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
    }
    return "\(label) probes=\(count) (all ok, +\(warmup) warm-up)"
        + " cpu_ms_per_probe=\(fixed(cpuTotal / Double(count))) wall_ms_median=\(fixed(percentile(0.5)))"
        + " wall_ms_p90=\(fixed(percentile(0.9))) cpu_ms_total=\(fixed(cpuTotal, digits: 1))"
        + " wall_ms_total=\(fixed(wallTotal, digits: 1))"
}

/// `value` with exactly `digits` decimals (rounded), without Foundation.
public func fixed(_ value: Double, digits: Int = 3) -> String {
    var scale = 1
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * Double(scale)).rounded())
    let sign = scaled < 0 ? "-" : ""
    let fraction = String(scaled.magnitude % UInt(scale))
    return "\(sign)\(scaled.magnitude / UInt(scale)).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
}
