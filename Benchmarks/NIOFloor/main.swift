// What SwiftNIO costs by itself, with none of imapwatch's code (only the OpenSSL C module) (scripts/bench.sh): the
// plaintext dialogue of `CProbeClient --tls none` (greeting, N-1 NOOPs, LOGOUT) in two ways, and the full probe
// in a third, each on one event-loop thread:
// - `--api futures`: NIO at its cheapest, futures and a channel handler, no async/await; each dialogue starts the
//   next from the loop, and the main thread waits once for the whole run, so no probe wakes another thread. Its CPU
//   per dialogue over the C client's, in the same run, is what any client built on NIO pays.
// - `--api async`: NIO's own async/await interface (`NIOAsyncChannel`), as a dialogue written as a sequence of awaits
//   uses it: one task for the run that prefers the loop as its executor (so awaits resume on the loop's thread), a
//   write and an awaited read per command. Its cost over `futures` is what speaking through async/await costs.
// - `--tls implicit|starttls` (futures only): the C client's full probe, TLS and all, by one channel handler over
//   OpenSSL with memory BIOs (TLSDialogueHandler): the floor under imapwatch's probe on this stack, with none of
//   imapwatch's code, async/await or thread hops.
//
//   NIOFloor --host H --port P [--api futures|async] [--commands 7] [--count 200] [--warmup 1]
//   NIOFloor --host H --port P --tls implicit|starttls --ca-file CA --user U --password-file F [--count 200] [--warmup 1]
//
// Prints the line CProbeClient prints; exits 1 on the first failed dialogue.
import COpenSSL
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String, code: Int32 = 1) -> Never {
    let line = Array("NIOFloor: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(code)
}

struct Options {
    var host = "127.0.0.1"
    var port = 143
    var commands = 7
    var count = 200
    var warmup = 1
    var async = false
    /// "none", "implicit" or "starttls".
    var tls = "none"
    var caFile: String?
    var user: String?
    var passwordFile: String?
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var rest = arguments[...]
    func number(_ text: String, _ flag: String, minimum: Int) -> Int {
        guard let value = Int(text), value >= minimum else { fail("bad \(flag) \(text)", code: 64) }
        return value
    }
    while let flag = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(flag) needs a value", code: 64) }
        switch flag {
        case "--host": options.host = value
        case "--port": options.port = number(value, flag, minimum: 1)
        case "--commands": options.commands = number(value, flag, minimum: 1)
        case "--count": options.count = number(value, flag, minimum: 1)
        case "--warmup": options.warmup = number(value, flag, minimum: 0)
        case "--tls":
            guard ["none", "implicit", "starttls"].contains(value) else { fail("bad --tls \(value)", code: 64) }
            options.tls = value
        case "--ca-file": options.caFile = value
        case "--user": options.user = value
        case "--password-file": options.passwordFile = value
        case "--api":
            guard value == "futures" || value == "async" else { fail("bad --api \(value): futures or async", code: 64) }
            options.async = value == "async"
        default:
            fail(
                "unknown option \(flag); usage: NIOFloor --host H --port P [--api futures|async] [--commands 7]"
                    + " [--count 200] [--warmup 1] [--tls implicit|starttls --ca-file CA --user U --password-file F]",
                code: 64)
        }
    }
    return options
}

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

func processCPUMilliseconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
    return ms(usage.ru_utime) + ms(usage.ru_stime)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let loop = group.next()
let address: SocketAddress
do {
    address = try SocketAddress(ipAddress: options.host, port: options.port)
} catch {
    fail("--host must be an IP address: \(error)", code: 64)
}
/// Every dialogue's wall time in ms, by the API asked for.
func run(_ count: Int) async throws -> [Double] {
    if options.async {
        return try await asyncDialogues(count, on: loop, to: address, commands: options.commands)
    }
    return try dialogues(count, on: loop, to: address, makeHandler: handlerFactory)
}

/// The handler for each futures dialogue: plaintext NOOPs, or the full probe over TLS.
let handlerFactory: HandlerFactory = {
    let commands = options.commands
    guard options.tls != "none" else { return { PlainDialogueHandler(commands: commands, finished: $0) } }
    guard !options.async, let caFile = options.caFile, let user = options.user, let passwordFile = options.passwordFile
    else { fail("--tls needs --ca-file, --user and --password-file, and the futures API", code: 64) }
    let tls: TLSFloorContext
    do {
        tls = try TLSFloorContext(caFile: caFile)
    } catch {
        fail("\(error)")
    }
    let plain = saslPlain(user: user, password: readPassword(passwordFile))
    let host = options.host
    let startsInPlaintext = options.tls == "starttls"
    return {
        TLSDialogueHandler(tls: tls, host: host, startsInPlaintext: startsInPlaintext, plain: plain, finished: $0)
    }
}()

/// The file's first line.
func readPassword(_ path: String) -> String {
    guard let file = fopen(path, "r") else { fail("cannot read \(path)") }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    guard fgets(&line, Int32(line.count), file) != nil else { return "" }
    var text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
    return text
}

/// RFC 4616: NUL user NUL password, base64 (OpenSSL's encoder, as the C client's).
func saslPlain(user: String, password: String) -> String {
    let message = [0] + Array(user.utf8) + [0] + Array(password.utf8)
    var encoded = [UInt8](repeating: 0, count: (message.count + 2) / 3 * 4 + 1)
    let length = EVP_EncodeBlock(&encoded, message, Int32(message.count))
    return String(decoding: encoded.prefix(Int(length)), as: UTF8.self)
}

do {
    _ = try await run(options.warmup)
    let cpuBefore = processCPUMilliseconds()
    let wallBefore = ContinuousClock.now
    let walls = try await run(options.count).sorted()
    let wallTotal = milliseconds(ContinuousClock.now - wallBefore)
    let cpuTotal = processCPUMilliseconds() - cpuBefore
    func fixed(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
    print(
        "io=nio-\(options.async ? "async" : "futures") tls=\(options.tls) port=\(options.port) probes=\(options.count)"
            + " (all ok, +\(options.warmup) warm-up)"
            + " cpu_ms_per_probe=\(fixed(cpuTotal / Double(options.count))) wall_ms_median=\(fixed(percentile(walls, 0.5)))"
            + " wall_ms_p90=\(fixed(percentile(walls, 0.9))) cpu_ms_total=\(fixed(cpuTotal))"
            + " wall_ms_total=\(fixed(wallTotal))")
} catch {
    fail("dialogue failed: \(error)")
}
try? await group.shutdownGracefully()
