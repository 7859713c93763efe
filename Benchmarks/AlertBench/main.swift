// The cost of alerting next to probing, without a mail server: (1) evaluating the built-in conditions of one
// probe result and feeding them through the flap control, per probe, at 10,000 targets; (2) delivering
// notifications through libcurl to a loopback listener, in notifications per second. Used by
// scripts/bench-alerts.sh, which starts the listener and passes its URL.
import Alerting
import Config
import Foundation
import Prober
import Transport

#if canImport(Glibc)
import Glibc
#endif

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func result(failing: Bool, now: Double) -> ProbeResult {
    let leaf = CertificateFacts(
        subject: "CN=imap.example.org", issuer: "CN=CA", subjectAlternativeNames: ["imap.example.org"],
        notBefore: Int64(now) - 86_400, notAfter: Int64(now) + 60 * 86_400, sha256Fingerprint: "AB")
    let failure = failing ? ProbeFailure(code: .authFailed, phase: .login, message: "NO") : nil
    return ProbeResult(
        host: "imap.example.org", port: 993, tlsMode: .implicit, startedAt: now,
        phases: Phase.allCases.map { PhaseRecord(phase: $0, outcome: .succeeded(.milliseconds(2))) },
        totalDuration: .milliseconds(20), failure: failure,
        tls: TLSSessionFacts(
            protocolVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384",
            verification: CertificateVerification(code: 0, reason: "ok"), leaf: leaf, presentedChain: [leaf],
            verifiedChain: [leaf]),
        capabilities: ["IMAP4REV1"],
        quota: [QuotaFacts(root: "User quota", resources: [.init(name: "STORAGE", usage: 10, limit: 100, unit: .bytes)])])
}

let arguments = Array(CommandLine.arguments.dropFirst())
let targets = 10_000
let rounds = 5
// Ten rules per target: the failure, certificate, quota and security conditions, and total plus five phases;
// through the daemon's whole path (conditions, flap control, routes, groups) and one tick per round, which
// writes the alert state to disk.
var phases: [String: DurationLimits] = [:]
for phase in ["connect", "tls_handshake", "login", "select", "fetch"] {
    phases[phase] = DurationLimits(warning: .seconds(2))
}
let thresholds = ThresholdSettings(total: DurationLimits(warning: .seconds(5)), phases: phases)
let folder = "/tmp/imapwatch-alertbench-\(getpid())"
defer { _ = try? FileManager.default.removeItem(atPath: folder) }
let configuration = AlertingConfiguration(
    receivers: [
        ReceiverConfiguration(
            name: "hook", kind: .webhook, url: .inline(Secret(arguments.first ?? "http://127.0.0.1:9/")))
    ],
    routes: [AlertRoute(receiver: "hook", severities: ["critical"], match: ["site": ["fra1"]])])
let receivers = try AlertReceivers(configuration, site: "http://bench/", environment: [:])
var queue = try DurableQueue(directory: folder + "/queue")
_ = try queue.recover()
let stateFile = try AlertStateFile(directory: folder)
let dispatcher = AlertDispatcher(
    receivers: receivers, snapshot: nil, notifier: Notifier(queue: queue, endpoints: receivers.endpoints),
    stateFile: stateFile)
let host = try ServerHost(parsing: "imap.example.org")
let configured = (0..<targets).map { index in
    TargetConfiguration(
        name: "mail-\(index)", labels: [TargetLabel(name: "site", value: "fra1")],
        settings: ProbeSettings(host: host, port: 993), thresholds: thresholds)
}
let healthy = result(failing: false, now: 1_800_000_000)
let failing = result(failing: true, now: 1_800_000_000)
// From a task off the main actor, as the scheduler's sink calls it (an idle actor then runs on the same thread).
let start = cpuSeconds()
let (notifications, tickSeconds) = await Task.detached {
    var notifications = 0
    var tickSeconds = 0.0
    for round in 0..<rounds {
        for (index, target) in configured.enumerated() {
            notifications += await dispatcher.observe(
                index % 10 == 0 ? failing : healthy, of: target, now: Double(round * 60)
            ).count
        }
        let tickStart = cpuSeconds()
        _ = await dispatcher.tick(now: Double(round * 60) + 59)
        tickSeconds += cpuSeconds() - tickStart
    }
    return (notifications, tickSeconds)
}.value
let perProbe = (cpuSeconds() - start) / Double(targets * rounds)
let rules = AlertConditions.observe(
    healthy, thresholds: HealthThresholds(thresholds), security: SecurityExpectations(minimumTLSVersion: "1.2"),
    now: 1_800_000_000
).count
let stateBytes = (try? FileManager.default.attributesOfItem(atPath: stateFile.path)[.size] as? Int) ?? 0
print(
    "evaluation targets=\(targets) probes=\(targets * rounds) rules_per_probe=\(rules)"
        + " cpu_us_per_probe=\(Double(Int(perProbe * 1e7)) / 10) notifications=\(notifications)"
        + " tick_ms=\(Double(Int(tickSeconds / Double(rounds) * 1e4)) / 10) state_bytes=\(stateBytes)")

// Delivery throughput to the listener at arguments[0], if given.
if let url = arguments.first {
    let client = WebhookClient()
    let count = 300
    let body = ChatService.slack.body(for: [
        AlertNotification(
            status: .firing, level: .critical, target: "mail-1", condition: "probe_failing", summary: "down", since: 0)
    ])
    let wallStart = ContinuousClock.now
    let cpuStart = cpuSeconds()
    var delivered = 0
    await withTaskGroup(of: Bool.self) { group in
        for index in 0..<count {
            if index >= 8, let ok = await group.next(), ok { delivered += 1 }
            group.addTask { await client.send(WebhookRequest(url: Secret(url), body: body)).verdict == .delivered }
        }
        for await ok in group where ok { delivered += 1 }
    }
    let wall = (ContinuousClock.now - wallStart).inSeconds
    print(
        "delivery notifications=\(count) delivered=\(delivered) per_second=\(Int(Double(count) / wall))"
            + " agent_cpu_ms_per_notification=\(Double(Int((cpuSeconds() - cpuStart) / Double(count) * 1e4)) / 10)")
}
