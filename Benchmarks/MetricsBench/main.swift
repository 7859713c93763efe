// Measures the per-target exposition at fleet size, without any network: records synthetic probe results for
// N targets into ProbeMetrics and prints the time to record them (first and later rounds), the /metrics render
// time (median of 5), the body size and the process RSS. Used by scripts/bench-metrics.sh.
import Config
import Exposition
import Prober
import Prometheus
import Transport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func seconds(_ body: () async -> Void) async -> Double {
    let start = ContinuousClock.now
    await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// VmRSS and VmHWM from /proc/self/status, in MiB.
func memory() -> (rss: Double, hwm: Double) {
    guard let file = fopen("/proc/self/status", "r") else { return (0, 0) }
    defer { fclose(file) }
    var rss = 0.0
    var hwm = 0.0
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard fields.count >= 2, let kib = Double(fields[1]) else { continue }
        if fields[0] == "VmRSS:" { rss = kib / 1024 }
        if fields[0] == "VmHWM:" { hwm = kib / 1024 }
    }
    return (rss, hwm)
}

func target(_ index: Int, host: ServerHost) -> TargetConfiguration {
    TargetConfiguration(
        name: "mail-\(index)", labels: [TargetLabel(name: "site", value: "site-\(index % 7)")],
        settings: ProbeSettings(host: host, port: 993))
}

func certificate(_ subject: String, notAfter: Int64) -> CertificateFacts {
    CertificateFacts(
        subject: subject, issuer: "CN=Bench CA", subjectAlternativeNames: ["127.0.0.1"],
        notBefore: notAfter - 90 * 86_400, notAfter: notAfter, sha256Fingerprint: "AB:CD")
}

func result(_ round: Int, _ index: Int) -> ProbeResult {
    let jitter = Double((index * 7919 + round * 104_729) % 1000) / 1e6
    let phases: [PhaseRecord] = [
        PhaseRecord(phase: .resolve, outcome: .succeeded(.seconds(0.0001 + jitter))),
        PhaseRecord(phase: .connect, outcome: .succeeded(.seconds(0.0002 + jitter))),
        PhaseRecord(phase: .tlsHandshake, outcome: .succeeded(.seconds(0.002 + jitter))),
        PhaseRecord(phase: .greeting, outcome: .succeeded(.seconds(0.0003 + jitter))),
        PhaseRecord(phase: .capability, outcome: .skipped(.alreadyKnown)),
        PhaseRecord(phase: .starttls, outcome: .skipped(.notApplicable)),
        PhaseRecord(phase: .capabilityAfterTLS, outcome: .skipped(.notApplicable)),
        PhaseRecord(phase: .login, outcome: .succeeded(.seconds(0.001 + jitter))),
        PhaseRecord(phase: .select, outcome: .succeeded(.seconds(0.0004 + jitter))),
        PhaseRecord(phase: .fetch, outcome: .succeeded(.seconds(0.0003 + jitter))),
        PhaseRecord(phase: .quota, outcome: .succeeded(.seconds(0.0002 + jitter))),
        PhaseRecord(phase: .logout, outcome: .succeeded(.seconds(0.0001 + jitter))),
    ]
    let leaf = certificate("CN=127.0.0.1", notAfter: 1_830_000_000)
    let ca = certificate("CN=Bench CA", notAfter: 1_900_000_000)
    return ProbeResult(
        host: "127.0.0.1", port: 993, tlsMode: .implicit, startedAt: 1_795_000_000 + Double(round * 60),
        phases: phases, totalDuration: .seconds(0.005 + jitter), connectedAddress: "127.0.0.1:993",
        resolvedAddresses: ["127.0.0.1"],
        tls: TLSSessionFacts(
            protocolVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384",
            verification: CertificateVerification(code: 0, reason: "ok"), leaf: leaf, presentedChain: [leaf],
            verifiedChain: [leaf, ca]),
        greeting: "ready", capabilities: ["IMAP4REV1", "IDLE", "AUTH=PLAIN"],
        postLoginCapabilities: ["IMAP4REV1", "IDLE", "QUOTA"], authMechanism: .plain,
        mailbox: MailboxFacts(name: "INBOX", messages: 3, uidValidity: 1, uidNext: 4, readOnly: true),
        fetch: FetchFacts(sequenceNumber: 3, bytesRequested: 1024, bytesReceived: 1024, messageSize: 2048),
        quota: [
            QuotaFacts(
                root: "User quota",
                resources: [
                    .init(name: "STORAGE", usage: 18_432, limit: 10_485_760, unit: .bytes),
                    .init(name: "MESSAGE", usage: 3, limit: 1000, unit: .messages),
                ])
        ])
}

// Arguments: target counts (default 1000 10000); `--no-histograms` records without phase histograms.
let arguments = CommandLine.arguments.dropFirst()
let histograms = !arguments.contains("--no-histograms")
let counts = arguments.compactMap { Int($0) }
for count in counts.isEmpty ? [1000, 10_000] : counts {
    let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
    guard let loopback = try? ServerHost(parsing: "127.0.0.1") else { fatalError("127.0.0.1 is a host") }
    let targets = (0..<count).map { target($0, host: loopback) }
    let first = await seconds {
        for (index, target) in targets.enumerated() { metrics.record(result: result(0, index), target: target, phaseHistograms: histograms) }
    }
    let second = await seconds {
        for (index, target) in targets.enumerated() { metrics.record(result: result(1, index), target: target, phaseHistograms: histograms) }
    }
    var size = 0
    var renders: [Double] = []
    for _ in 0..<5 {
        renders.append(
            await seconds {
                var buffer: [UInt8] = []
                metrics.emit(into: &buffer)
                size = buffer.count
            })
    }
    renders.sort()
    let (rss, hwm) = memory()
    print(
        "targets=\(count) histograms=\(histograms ? "on" : "off") record_first_us_per_target=\(Int(first / Double(count) * 1e6))"
            + " record_again_us_per_target=\(Int(second / Double(count) * 1e6))"
            + " render_ms_median=\(Double(Int(renders[2] * 10_000)) / 10) body_mib=\(Double(size / 10_486) / 100)"
            + " rss_mib=\(Int(rss)) hwm_mib=\(Int(hwm))")
}
