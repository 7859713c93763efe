import Config
import Prober
import Prometheus
import Testing

@testable import Exposition

/// The exact text of the per-target families for real-looking results.
@Suite struct ProbeMetricsTests {
    static let a = #"target="mail-a",host="imap.example.org",port="993",tls="implicit",env="prod",site="fra1""#
    static let b = #"target="mail-b",host="mx.example.net",port="143",tls="starttls""#

    func recorded(_ results: [(ProbeResult, TargetConfiguration)]) async -> ParsedExposition {
        let metrics = ProbeMetrics(registry: PrometheusCollectorRegistry())
        for (result, target) in results { metrics.record(result: result, target: target) }
        return ParsedExposition(metrics.render())
    }

    @Test func successTimingsAndTimestamp() async {
        let text = await recorded([(Fixtures.success(), Fixtures.imapsTarget())])
        let a = Self.a
        #expect(text.family("imap_probe_success") == """
            # HELP imap_probe_success Whether the last probe of the target succeeded (1) or failed (0).
            # TYPE imap_probe_success gauge
            imap_probe_success{\(a)} 1.0
            """)
        #expect(text.samples("imap_probe_duration_seconds") == ["imap_probe_duration_seconds{\(a)} 0.0454"])
        #expect(
            text.samples("imap_probe_last_run_timestamp_seconds")
                == ["imap_probe_last_run_timestamp_seconds{\(a)} 1767225600.5"])
    }

    @Test func phaseGaugesOnlyForPhasesThatRan() async {
        let text = await recorded([(Fixtures.success(), Fixtures.imapsTarget())])
        let a = Self.a
        #expect(text.family("imap_probe_phase_seconds") == """
            # HELP imap_probe_phase_seconds Duration of each phase of the last probe that ran, in seconds; phases that did not run have no sample.
            # TYPE imap_probe_phase_seconds gauge
            imap_probe_phase_seconds{\(a),phase="connect"} 0.002
            imap_probe_phase_seconds{\(a),phase="fetch"} 0.001
            imap_probe_phase_seconds{\(a),phase="greeting"} 0.003
            imap_probe_phase_seconds{\(a),phase="login"} 0.02
            imap_probe_phase_seconds{\(a),phase="logout"} 0.001
            imap_probe_phase_seconds{\(a),phase="quota"} 0.002
            imap_probe_phase_seconds{\(a),phase="resolve"} 0.0004
            imap_probe_phase_seconds{\(a),phase="select"} 0.004
            imap_probe_phase_seconds{\(a),phase="tls_handshake"} 0.012
            """)
        for skipped in ["capability", "starttls", "capability_after_tls"] {
            #expect(!text.lines.contains { $0.contains(#"phase="\#(skipped)""#) })
        }
    }

    @Test func phaseHistogramCountsEveryProbe() async {
        let target = Fixtures.imapsTarget()
        let text = await recorded([(Fixtures.success(), target), (Fixtures.connectRefused(), target)])
        let a = Self.a
        let connect = text.samples("imap_probe_phase_duration_seconds").filter { $0.contains(#"phase="connect""#) }
        #expect(connect == [
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="+Inf"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.001"} 1"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.0025"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.005"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.01"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.025"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.05"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.1"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.25"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="0.5"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="1.0"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="10.0"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="2.5"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="30.0"} 2"#,
            #"imap_probe_phase_duration_seconds_bucket{\#(a),phase="connect",le="5.0"} 2"#,
            #"imap_probe_phase_duration_seconds_count{\#(a),phase="connect"} 2"#,
            #"imap_probe_phase_duration_seconds_sum{\#(a),phase="connect"} 0.0027"#,
        ])
        // login ran only in the first probe; the histogram keeps it, the gauge of the last probe does not.
        #expect(text.samples("imap_probe_phase_duration_seconds").contains(
            #"imap_probe_phase_duration_seconds_count{\#(a),phase="login"} 1"#))
        #expect(!text.samples("imap_probe_phase_seconds").contains { $0.contains(#"phase="login""#) })
        #expect(!text.samples("imap_probe_phase_duration_seconds").contains { $0.contains(#"phase="starttls""#) })
    }

    @Test func failureIncrementsCounterByPhaseAndReason() async {
        let target = Fixtures.imapsTarget()
        let text = await recorded([
            (Fixtures.connectRefused(), target), (Fixtures.success(), target), (Fixtures.connectRefused(), target),
            (Fixtures.starttlsAuthFailed(), Fixtures.starttlsTarget()),
        ])
        #expect(text.family("imap_probe_failures_total") == """
            # HELP imap_probe_failures_total Failed probes of the target, by the phase that failed and the reason code.
            # TYPE imap_probe_failures_total counter
            imap_probe_failures_total{\(Self.a),phase="connect",reason="connect_refused"} 2
            imap_probe_failures_total{\(Self.b),phase="login",reason="auth_failed"} 1
            """)
        #expect(text.samples("imap_probe_success") == [
            "imap_probe_success{\(Self.a)} 0.0", "imap_probe_success{\(Self.b)} 0.0",
        ])
    }

    @Test func quotaInBytesAndMessagesPerRoot() async {
        let text = await recorded([(Fixtures.success(), Fixtures.imapsTarget())])
        let root = #"\#(Self.a),root="User quota""#
        #expect(text.family("imap_quota_usage_bytes") == """
            # HELP imap_quota_usage_bytes Storage used under the quota root in the last probe, in bytes.
            # TYPE imap_quota_usage_bytes gauge
            imap_quota_usage_bytes{\(root)} 655360.0
            """)
        #expect(Double(Fixtures.quotaUsageBytes) == 655360.0)
        #expect(text.samples("imap_quota_limit_bytes") == ["imap_quota_limit_bytes{\(root)} 104857600.0"])
        #expect(text.samples("imap_quota_usage_messages") == ["imap_quota_usage_messages{\(root)} 7.0"])
        #expect(text.samples("imap_quota_limit_messages") == ["imap_quota_limit_messages{\(root)} 10000.0"])
        #expect(text.samples("imap_mailbox_messages") == ["imap_mailbox_messages{\(Self.a)} 42.0"])
    }

    @Test("roots and resources the prober dropped are gauges when quota ran, absent when it did not")
    func quotaDroppedCounts() async {
        var capped = Fixtures.success()
        capped.quotaRootsDropped = 4984
        capped.quotaResourcesDropped = 12
        let text = await recorded([(capped, Fixtures.imapsTarget()), (Fixtures.starttlsAuthFailed(), Fixtures.starttlsTarget())])
        #expect(text.family("imap_quota_roots_dropped") == """
            # HELP imap_quota_roots_dropped Quota roots the server reported in the last probe beyond the first 16, which alone are kept and exported; 0 when every root fitted.
            # TYPE imap_quota_roots_dropped gauge
            imap_quota_roots_dropped{\(Self.a)} 4984.0
            """)
        #expect(text.samples("imap_quota_resources_dropped") == ["imap_quota_resources_dropped{\(Self.a)} 12.0"])
        let plain = await recorded([(Fixtures.success(), Fixtures.imapsTarget())])
        #expect(plain.samples("imap_quota_roots_dropped") == ["imap_quota_roots_dropped{\(Self.a)} 0.0"])
    }

    @Test func certificateTimestampsVerificationAndTLSInfo() async {
        let text = await recorded([
            (Fixtures.success(), Fixtures.imapsTarget()), (Fixtures.starttlsAuthFailed(), Fixtures.starttlsTarget()),
        ])
        let a = Self.a
        let b = Self.b
        #expect(text.family("imap_tls_cert_not_after_timestamp_seconds") == """
            # HELP imap_tls_cert_not_after_timestamp_seconds notAfter of the server's leaf certificate in the last probe, as Unix time in seconds.
            # TYPE imap_tls_cert_not_after_timestamp_seconds gauge
            imap_tls_cert_not_after_timestamp_seconds{\(a)} \(Double(Fixtures.leafNotAfter))
            imap_tls_cert_not_after_timestamp_seconds{\(b)} \(Double(Fixtures.leafNotAfter))
            """)
        #expect(text.samples("imap_tls_cert_not_after_timestamp_seconds").first?.hasSuffix(" 1798761599.0") == true)
        // The intermediate expires first on both paths.
        #expect(text.samples("imap_tls_cert_chain_earliest_not_after_timestamp_seconds") == [
            "imap_tls_cert_chain_earliest_not_after_timestamp_seconds{\(a)} 1780000000.0",
            "imap_tls_cert_chain_earliest_not_after_timestamp_seconds{\(b)} 1780000000.0",
        ])
        #expect(text.samples("imap_tls_cert_verified") == [
            "imap_tls_cert_verified{\(a)} 1.0", "imap_tls_cert_verified{\(b)} 0.0",
        ])
        #expect(text.samples("imap_tls_info") == [
            #"imap_tls_info{\#(a),version="TLSv1.3",cipher="TLS_AES_256_GCM_SHA384"} 1.0"#,
            #"imap_tls_info{\#(b),version="TLSv1.2",cipher="ECDHE-RSA-AES256-GCM-SHA384"} 1.0"#,
        ])
    }

    @Test func capabilitiesAndStarttlsOffered() async {
        let text = await recorded([
            (Fixtures.success(), Fixtures.imapsTarget()),
            (Fixtures.starttlsUnavailable(), Fixtures.starttlsTarget()),
        ])
        let a = Self.a
        let b = Self.b
        #expect(text.samples("imap_capability_info") == [
            #"imap_capability_info{\#(a),capability="IDLE"} 1.0"#,
            #"imap_capability_info{\#(a),capability="IMAP4rev2"} 1.0"#,
            #"imap_capability_info{\#(a),capability="QUOTA"} 1.0"#,
            #"imap_capability_info{\#(b),capability="IDLE"} 1.0"#,
            #"imap_capability_info{\#(b),capability="LOGINDISABLED"} 1.0"#,
        ])
        // Implicit TLS never looks for STARTTLS: no sample for mail-a.
        #expect(text.samples("imap_starttls_offered") == ["imap_starttls_offered{\(b)} 0.0"])
        #expect(text.samples("imap_probe_failures_total") == [
            #"imap_probe_failures_total{\#(b),phase="starttls",reason="starttls_unavailable"} 1"#
        ])
        // A failed phase that ran for no measurable time still ran: it has its sample.
        #expect(text.samples("imap_probe_phase_seconds").contains(#"imap_probe_phase_seconds{\#(b),phase="starttls"} 0.0"#))
    }

    @Test func targetLabelsSortedAndClashingNamesLeftOut() async {
        let labels = [
            TargetLabel(name: "zone", value: "z"), TargetLabel(name: "version", value: "clash"),
            TargetLabel(name: "alpha", value: "a"),
        ]
        let text = await recorded([(Fixtures.success(), Fixtures.imapsTarget(labels: labels))])
        let base = #"target="mail-a",host="imap.example.org",port="993",tls="implicit",alpha="a",zone="z""#
        #expect(text.samples("imap_probe_success") == ["imap_probe_success{\(base)} 1.0"])
        #expect(text.samples("imap_tls_info") == [
            #"imap_tls_info{\#(base),version="TLSv1.3",cipher="TLS_AES_256_GCM_SHA384"} 1.0"#
        ])
    }
}
