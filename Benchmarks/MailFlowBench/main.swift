// Runs the whole mail-flow loop many times in one process (submit by SMTP, find by IMAP, delete) and prints the
// agent's CPU per loop (getrusage RUSAGE_SELF, all threads), the wall-clock median and p90 of a loop, and the
// median of each phase. Used by scripts/bench-mailflow.sh; exits 1 on the first loop that does not succeed.
import BenchSupport
import Config
import Prober
import SMTPProtocol

struct Options {
    var host = "127.0.0.1"
    var imapPort = 143
    var smtpPort = 587
    var caFile: String?
    var imapName: String?
    var smtpName: String?
    var user = ""
    var passwordFile = ""
    var count = 50
    var warmup = 2
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(flag) needs a value", code: 64) }
        switch flag {
        case "--host": options.host = value
        case "--imap-port": options.imapPort = Int(value) ?? { fail("bad --imap-port", code: 64) }()
        case "--smtp-port": options.smtpPort = Int(value) ?? { fail("bad --smtp-port", code: 64) }()
        case "--ca-file": options.caFile = value
        case "--imap-sni": options.imapName = value
        case "--smtp-sni": options.smtpName = value
        case "--user": options.user = value
        case "--password-file": options.passwordFile = value
        case "--count": options.count = Int(value).flatMap { $0 > 0 ? $0 : nil } ?? { fail("bad --count", code: 64) }()
        case "--warmup": options.warmup = Int(value).flatMap { $0 >= 0 ? $0 : nil } ?? { fail("bad --warmup", code: 64) }()
        default:
            fail(
                "unknown option \(flag); usage: MailFlowBench --host H --imap-port P --smtp-port P --ca-file CA "
                    + "--imap-sni NAME --smtp-sni NAME --user U --password-file F [--count 50] [--warmup 2]", code: 64)
        }
    }
    return options
}

func settings(_ options: Options) throws -> MailFlowSettings {
    let password = Secret(readSecret(options.passwordFile))
    let address = try MailAddress(options.user)
    let host = try ServerHost(parsing: options.host)
    let submission = SubmissionSettings(
        host: host, port: options.smtpPort, security: .startTLS, serverName: try options.smtpName.map(ServerHost.init(parsing:)),
        caFile: options.caFile, username: options.user, password: password, clientName: "bench.example.test",
        sender: address, recipients: [address], timeout: .seconds(10))
    let mailbox = ProbeSettings(
        host: host, port: options.imapPort, tlsMode: .starttls, serverName: try options.imapName.map(ServerHost.init(parsing:)),
        caFile: options.caFile, credentials: Credentials(username: options.user, secret: password), timeout: .seconds(10))
    return MailFlowSettings(
        identity: "mailflow-bench", submission: submission, mailbox: mailbox, deliveryTimeout: .seconds(30),
        pollInterval: .seconds(2))
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
let loopSettings: MailFlowSettings
do {
    loopSettings = try settings(options)
} catch {
    fail("bad settings: \(error)", code: 64)
}
let prober = MailFlowProber()
var phaseTimes: [String: [Double]] = [:]
let (cpuBefore, wallBefore, walls) = await measuredRuns(count: options.count, warmup: options.warmup) { index in
    let result = await prober.run(loopSettings)
    guard result.succeeded, let mailbox = result.mailbox, let submission = result.submission else {
        fail("loop \(index) failed: \(String(describing: result.failure))")
    }
    guard index >= 0 else { return }
    for phase in submission.phases { phaseTimes[phase.phase.rawValue, default: []].append(milliseconds(phase.duration)) }
    for record in mailbox.phases {
        if let duration = record.outcome.duration { phaseTimes[record.phase.rawValue, default: []].append(milliseconds(duration)) }
    }
    phaseTimes["rounds", default: []].append(Double(mailbox.delivery?.rounds ?? 0))
}
let cpuTotal = processCPUMilliseconds() - cpuBefore
let wallTotal = milliseconds(.now - wallBefore)
print(reportLine(label: "imapwatch", count: options.count, warmup: options.warmup, cpuTotal: cpuTotal, walls: walls, wallTotal: wallTotal))
let order = SubmissionPhase.allCases.map(\.rawValue) + Phase.mailbox.map(\.rawValue) + ["rounds"]
var line = "phases_median_ms"
for name in order {
    guard let times = phaseTimes[name]?.sorted(), !times.isEmpty else { continue }
    line += " \(name)=\(fixed(times[(times.count - 1) / 2]))"
}
print(line)
