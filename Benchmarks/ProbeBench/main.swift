// Runs many full probes in one process and prints the agent's CPU per probe (getrusage RUSAGE_SELF, all
// threads) and the wall-clock median and p90. Used by scripts/bench.sh; exits 1 on the first failed probe.
import BenchSupport
import Config
import Prober
import Transport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Options {
    var host = "127.0.0.1"
    var port = 143
    var tls: TLSMode = .starttls
    var caFile: String?
    var serverName: String?
    var user: String?
    var passwordFile: String?
    var count = 200
    var warmup = 1
    /// `probe`: full probes by the prober; `floor`: the same dialogue over Transport alone (`TransportFloor`);
    /// `floor-plain`: `--commands` plaintext round trips over Transport (the STARTTLS port, no TLS).
    var mode = "probe"
    var commands = 7
    /// `main`: each probe awaited from the main actor (a hop into the prober and back per probe); `loop`: every
    /// probe from one task on the event loop (`probesOnOneLoop`), `--mode probe` only.
    var caller = "main"
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(flag) needs a value", code: 64) }
        switch flag {
        case "--host": options.host = value
        case "--port": options.port = Int(value) ?? { fail("bad --port \(value)", code: 64) }()
        case "--tls": options.tls = TLSMode(rawValue: value) ?? { fail("bad --tls \(value)", code: 64) }()
        case "--ca-file": options.caFile = value
        case "--sni": options.serverName = value
        case "--user": options.user = value
        case "--password-file": options.passwordFile = value
        case "--count": options.count = Int(value).flatMap { $0 > 0 ? $0 : nil } ?? { fail("bad --count", code: 64) }()
        case "--warmup": options.warmup = Int(value).flatMap { $0 >= 0 ? $0 : nil } ?? { fail("bad --warmup", code: 64) }()
        case "--mode":
            guard ["probe", "floor", "floor-plain"].contains(value) else {
                fail("bad --mode \(value): probe, floor or floor-plain", code: 64)
            }
            options.mode = value
        case "--caller":
            guard ["main", "loop"].contains(value) else { fail("bad --caller \(value): main or loop", code: 64) }
            options.caller = value
        case "--commands":
            options.commands = Int(value).flatMap { $0 > 0 ? $0 : nil } ?? { fail("bad --commands", code: 64) }()
        default:
            fail(
                "unknown option \(flag); usage: ProbeBench --host H --port P --tls implicit|starttls "
                    + "--ca-file CA --user U --password-file F [--sni NAME] [--count 200] [--warmup 1] [--mode probe|floor|floor-plain] [--commands 7] [--caller main|loop]",
                code: 64)
        }
    }
    return options
}

/// Every phase a full probe must complete in `mode`.
func requiredPhases(_ mode: TLSMode) -> [Phase] {
    (mode == .implicit ? [.connect, .tlsHandshake, .greeting] : [.connect, .greeting, .starttls, .capabilityAfterTLS])
        + [.login, .select, .fetch, .quota, .logout]
}

func check(_ result: ProbeResult, _ index: Int, _ mode: TLSMode) {
    if let failure = result.failure {
        fail("probe \(index) failed in \(failure.phase.rawValue): \(failure.code) \(failure.message)"
             + (failure.serverText.map { " (server: \($0))" } ?? ""))
    }
    for phase in requiredPhases(mode) {
        guard let record = result.phases.first(where: { $0.phase == phase }) else {
            fail("probe \(index): phase \(phase.rawValue) missing")
        }
        guard case .succeeded = record.outcome else {
            fail("probe \(index): phase \(phase.rawValue) did not run: \(record.outcome)")
        }
    }
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
if options.caller == "loop", options.mode != "probe" { fail("--caller loop needs --mode probe", code: 64) }
guard let user = options.user, let passwordFile = options.passwordFile else {
    fail("--user and --password-file are required", code: 64)
}
func host(_ text: String) -> ServerHost {
    do {
        return try ServerHost(parsing: text)
    } catch {
        fail(error.message, code: 64)
    }
}
let settings = ProbeSettings(
    host: host(options.host), port: options.port, tlsMode: options.tls, serverName: options.serverName.map(host),
    caFile: options.caFile, credentials: Credentials(username: user, secret: Secret(readSecret(passwordFile))))
let prober = Prober()
let floor: TransportFloor? = options.mode.hasPrefix("floor") ? makeFloor() : nil

func makeFloor() -> TransportFloor {
    guard settings.host.isAddress else { fail("--mode floor needs an IP address as --host", code: 64) }
    let name = settings.effectiveServerName.text
    do {
        let context = try TLSClientContext(
            TLSClientConfiguration(serverName: name, verifyHostname: name, caFile: settings.caFile, minimumVersion: .tls1_2))
        return TransportFloor(
            settings: settings, context: context, password: readSecret(passwordFile),
            plainCommands: options.mode == "floor-plain" ? options.commands : nil)
    } catch {
        fail("TLS context: \(error)")
    }
}

/// One probe in the chosen mode; exits on a failure.
func once(_ index: Int) async {
    guard let floor else {
        // As serve's scheduled probes run: no transcript (nothing shows it there).
        check(await prober.probe(settings, keepingTranscript: false), index, options.tls)
        return
    }
    do {
        try await floor.run()
    } catch {
        fail("floor dialogue \(index) failed: \(error)")
    }
}

// Warm-up probes (event loop thread, OpenSSL initialisation, lazy statics) are not measured.
let (cpuBefore, wallBefore, walls) =
    options.caller == "loop"
    ? await probesOnOneLoop(settings, count: options.count, warmup: options.warmup)
    : await measuredRuns(count: options.count, warmup: options.warmup) { await once($0) }
let wallTotal = milliseconds(.now - wallBefore)
let cpuTotal = processCPUMilliseconds() - cpuBefore

print(
    reportLine(
        label: "mode=\(options.mode) caller=\(options.caller) tls=\(options.tls.rawValue) port=\(options.port)",
        count: options.count,
        warmup: options.warmup, cpuTotal: cpuTotal, walls: walls, wallTotal: wallTotal))
