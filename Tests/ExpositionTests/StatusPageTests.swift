import Config
import Prober
import Testing

@testable import Exposition

/// The status page renderer: a pure function of the board's snapshot and the time.
@Suite struct StatusPageTests {
    static let now = Fixtures.startedAt + 90

    static func target(
        _ name: String, labels: [TargetLabel] = [], thresholds: ThresholdSettings = ThresholdSettings()
    ) -> TargetConfiguration {
        TargetConfiguration(
            name: name, labels: labels, settings: ProbeSettings(host: "imap.example.org", port: 993),
            login: LoginConfiguration(username: Fixtures.username, secret: .inline(Secret(Fixtures.password))),
            thresholds: thresholds)
    }

    static func status(_ target: TargetConfiguration, _ result: ProbeResult?) -> TargetStatus {
        TargetStatus(target: target, lastProbe: result.map { ProbeSummary($0, login: target.login) })
    }

    /// The `data-target` values of the rows, in page order.
    static func rowNames(_ html: String) -> [String] {
        html.split(separator: "data-target=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The segment widths (percent) of the first waterfall bar.
    static func widths(_ html: String) -> [Double] {
        guard let bar = html.split(separator: "<div class=\"bar\"", omittingEmptySubsequences: false).dropFirst().first else { return [] }
        let end = bar.range(of: "</div>")?.lowerBound ?? bar.endIndex
        return bar[..<end].split(separator: "width:").dropFirst().compactMap { Double($0.prefix { $0 != "%" }) }
    }

    @Test func hostileNamesLabelsAndServerTextAreEscaped() {
        let name = #"<script>alert("x")</script>&'"#
        let target = Self.target(name, labels: [TargetLabel(name: "site", value: #""><img src=x onerror=alert(1)>"#)])
        var result = Fixtures.connectRefused()
        result.failure?.serverText = #"<b>NO</b> & "quoted" 'single'"#
        result.phases[1] = PhaseRecord(phase: .connect, outcome: .failed(.milliseconds(1), result.failure!))
        var quota = Fixtures.success()
        quota.quota = [QuotaFacts(root: "<i>root</i>", resources: [.init(name: "STORAGE", usage: 1, limit: 2, unit: .bytes)])]
        let html = StatusPage.html(
            [Self.status(target, result), Self.status(Self.target("q"), quota)], now: Self.now, version: "<v1>")
        for raw in ["<script", "<img", "<b>", "<i>", "<v1>", #""quoted""#, "'single'"] {
            #expect(!html.contains(raw), "\(raw) reached the page unescaped")
        }
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        #expect(html.contains("site=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;b&gt;NO&lt;/b&gt; &amp; &quot;quoted&quot; &#39;single&#39;"))
        #expect(html.contains("&lt;i&gt;root&lt;/i&gt; STORAGE"))
    }

    @Test func failingTargetsComeFirstThenByName() {
        let html = StatusPage.html(
            [
                Self.status(Self.target("c-ok"), Fixtures.success()),
                Self.status(Self.target("d-down"), Fixtures.connectRefused()),
                Self.status(Self.target("e-pending"), nil),
                Self.status(Self.target("a-ok"), Fixtures.success()),
                Self.status(Self.target("b-down"), Fixtures.starttlsAuthFailed()),
            ], now: Self.now, version: "1")
        #expect(Self.rowNames(html) == ["b-down", "d-down", "a-ok", "c-ok", "e-pending"])
        #expect(html.contains("<strong>5 targets</strong>, <span class=\"down\">2 failing</span>, 1 not probed yet"))
        #expect(html.contains("<title>2 failing · imapwatch</title>"))
        #expect(html.contains(#"<tr class="target pending" data-target="e-pending">"#))
    }

    @Test func waterfallWidthsAreProportionalToDurations() throws {
        let phases = [1, 2, 3, 4].enumerated().map { index, ms in
            ProbeSummary.Timing(phase: Phase.probe[index], seconds: Double(ms) / 1000, failed: index == 3)
        }
        let html = StatusPage.waterfall(phases)
        #expect(Self.widths(html) == [10, 20, 30, 40])
        #expect(html.contains(#"<span class="seg failed" style="width:40.000%" title="greeting 4.0 ms (failed)">"#))
        #expect(html.contains(#"title="resolve 1.0 ms, connect 2.0 ms, tls_handshake 3.0 ms, greeting 4.0 ms""#))

        let full = StatusPage.html([Self.status(Self.target("a"), Fixtures.success())], now: Self.now, version: "1")
        let ran = Fixtures.implicitPhases.compactMap { $0.outcome.duration?.inSeconds }
        let sum = ran.reduce(0, +)
        let widths = Self.widths(full)
        #expect(widths.count == ran.count)
        for (width, seconds) in zip(widths, ran) { #expect(abs(width - seconds / sum * 100) < 0.001) }
        #expect(abs(widths.reduce(0, +) - 100) < 0.01)
        #expect(!full.contains("phase-capability\" style"), "a skipped phase has no segment")
    }

    @Test(arguments: [
        (25.0, "ok"), (20.0, "ok"), (19.9, "warn"), (10.0, "warn"), (9.9, "crit"), (0.5, "crit"), (-3.0, "crit"),
    ])
    func certificateColourFollowsTheTargetsThresholds(daysLeft: Double, level: String) {
        let now = 1_767_225_690.0
        let summary = ProbeSummary(
            startedAt: now, totalSeconds: 0, phases: [], certificateNotAfter: Int64(now + daysLeft * 86_400))
        let status = TargetStatus(target: Self.target("a"), lastProbe: summary)
        let cell = StatusPage.certificateCell(summary.certificateNotAfter, status, now: now)
        #expect(cell.contains("class=\"level \(level)\""), "\(cell)")
        #expect(cell.contains(daysLeft < 0 ? "expired 3 d ago" : "\(Int(daysLeft.rounded(.down))) days left"))
    }

    @Test(arguments: [
        (80.0, 80.0, 90.0, "ok"), (80.1, 80.0, 90.0, "warn"), (90.0, 80.0, 90.0, "warn"), (90.1, 80.0, 90.0, "crit"),
        (55.0, 50.0, 60.0, "warn"), (61.0, 50.0, 60.0, "crit"), (49.0, 50.0, 60.0, "ok"),
    ])
    func quotaColourFollowsTheTargetsThresholds(percent: Double, warning: Double, critical: Double, level: String) {
        let target = Self.target("a", thresholds: ThresholdSettings(quotaPercentWarning: warning, quotaPercentCritical: critical))
        let usage = HealthAssessment.QuotaUsage(root: "User quota", resource: "STORAGE", percent: percent)
        let cell = StatusPage.quotaCell(usage, TargetStatus(target: target))
        #expect(cell.contains("class=\"level \(level)\""), "\(cell)")
        #expect(cell.contains("\(StatusText.fixed(percent, 1)) %"))
    }

    @Test func emptyBoardStillLinksTheEndpointsAndRefreshes() {
        let html = StatusPage.html([], now: Self.now, version: "1.2.3")
        #expect(html.contains("<strong>0 targets</strong>"))
        #expect(html.contains("No targets configured."))
        #expect(!html.contains("<table"))
        #expect(html.contains(#"<meta http-equiv="refresh" content="30">"#))
        #expect(html.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
        #expect(html.contains("Rendered <time datetime=\"2026-01-01T00:01:30Z\">2026-01-01T00:01:30Z</time>"))
        for link in ["metrics", "probe", "-/healthy", "-/ready"] { #expect(html.contains("href=\"\(link)\"")) }
        #expect(!html.contains("http://") && !html.contains("https://"), "no external resource")
    }

    @Test func rowShowsAgeTimeCertificateQuotaAndFailure() {
        let html = StatusPage.html(
            [
                Self.status(Self.target("ok"), Fixtures.success()),
                Self.status(Self.target("down"), Fixtures.starttlsAuthFailed()),
            ], now: Self.now, version: "1")
        #expect(html.contains(#"<time datetime="2026-01-01T00:00:00Z" title="2026-01-01T00:00:00Z">1 min ago</time>"#))
        #expect(html.contains("days left</span>"))
        #expect(html.contains(#"<span class="level ok" title="User quota STORAGE; warning above 80 %, critical above 90 %">0.6 %</span>"#))
        #expect(html.contains(#"<span class="reason">login: auth_failed</span> [AUTHENTICATIONFAILED] Authentication failed for &lt;redacted&gt;"#))
        for secret in [Fixtures.username, "probe-user", Fixtures.password] { #expect(!html.contains(secret)) }
    }

    @Test func aTLSTargetThatFailedBeforeTheHandshakeHasACertificateNotSeenNotNoTLS() {
        var plain = Self.target("plain")
        plain.settings = ProbeSettings(host: "imap.example.org", port: 143, tlsMode: TLSMode.none)
        let html = StatusPage.html(
            [Self.status(Self.target("tls"), Fixtures.connectRefused()), Self.status(plain, Fixtures.connectRefused())],
            now: Self.now, version: "1")
        let rows = html.components(separatedBy: "data-target=\"").dropFirst()
        #expect(rows.first { $0.hasPrefix("tls\"") }?.contains(#"<span class="muted">not seen</span>"#) == true)
        #expect(rows.first { $0.hasPrefix("plain\"") }?.contains(#"<span class="muted">no TLS</span>"#) == true)
    }

    @Test func ageAndNumbers() {
        #expect(StatusText.age(of: 0, now: 59) == "59 s ago")
        #expect(StatusText.age(of: 0, now: 3599) == "59 min ago")
        #expect(StatusText.age(of: 0, now: 3660) == "1 h 1 min ago")
        #expect(StatusText.age(of: 0, now: 200_000) == "2 d ago")
        #expect(StatusText.age(of: 10, now: 0) == "0 s ago")
        #expect(StatusText.fixed(12.3456, 3) == "12.346")
        #expect(StatusText.fixed(0.05, 1) == "0.1")
        #expect(StatusText.fixed(-0.5, 2) == "-0.50")
        #expect(StatusText.duration(0.0004) == "0.4 ms")
        #expect(StatusText.duration(2.019) == "2.02 s")
    }
}
