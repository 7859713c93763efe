import Prometheus
import Testing

@testable import Exposition

/// The agent's own series.
@Suite struct AgentMetricsTests {
    @Test func everySeriesExistsFromTheStartAndCounts() {
        let registry = PrometheusCollectorRegistry()
        let agent = AgentMetrics(registry: registry, version: "0.3.0", revision: "dd25f96")
        let fresh = ParsedExposition(registry.emitToString())
        #expect(fresh.samples("imapwatch_probes_total") == [
            #"imapwatch_probes_total{result="failure"} 0"#, #"imapwatch_probes_total{result="success"} 0"#,
        ])

        agent.probeFinished(Fixtures.success())
        agent.probeFinished(Fixtures.connectRefused())
        agent.probeFinished(Fixtures.starttlsAuthFailed())
        agent.setProbesInFlight(3)
        agent.setTargets(12)
        agent.recordScheduleLag(.microseconds(300))
        agent.recordScheduleLag(.milliseconds(40))
        agent.recordScheduleLag(.milliseconds(-5))  // clamped to zero
        #expect(fresh.samples("imapwatch_schedule_slots_skipped_total") == ["imapwatch_schedule_slots_skipped_total 0"])
        agent.recordSkippedSlots(0)
        agent.recordSkippedSlots(2)
        agent.recordSkippedSlots(1)
        let text = ParsedExposition(registry.emitToString())
        #expect(text.family("imapwatch_build_info") == """
            # HELP imapwatch_build_info The imapwatch version and source revision; value 1.
            # TYPE imapwatch_build_info gauge
            imapwatch_build_info{version="0.3.0",revision="dd25f96"} 1.0
            """)
        #expect(text.samples("imapwatch_probes_total") == [
            #"imapwatch_probes_total{result="failure"} 2"#, #"imapwatch_probes_total{result="success"} 1"#,
        ])
        #expect(text.samples("imapwatch_probes_in_flight") == ["imapwatch_probes_in_flight 3.0"])
        #expect(text.samples("imapwatch_targets") == ["imapwatch_targets 12.0"])
        #expect(text.samples("imapwatch_schedule_slots_skipped_total") == ["imapwatch_schedule_slots_skipped_total 3"])
        let lag = text.samples("imapwatch_schedule_lag_seconds")
        #expect(lag.contains(#"imapwatch_schedule_lag_seconds_bucket{le="0.0001"} 1"#))
        #expect(lag.contains(#"imapwatch_schedule_lag_seconds_bucket{le="0.0005"} 2"#))
        #expect(lag.contains(#"imapwatch_schedule_lag_seconds_bucket{le="0.05"} 3"#))
        #expect(lag.contains("imapwatch_schedule_lag_seconds_count 3"))
        #expect(lag.contains("imapwatch_schedule_lag_seconds_sum 0.0403"))
    }

    /// The agent-wide phase histogram: every phase that ran, by module and phase, never by target; skipped
    /// phases count nothing, and a target without a module counts under `module=""`.
    @Test func phaseDurationsAreCountedPerModuleAndPhase() {
        let registry = PrometheusCollectorRegistry()
        let agent = AgentMetrics(registry: registry, version: "0.3.0", revision: "dd25f96")
        #expect(ParsedExposition(registry.emitToString()).samples("imapwatch_probe_phase_duration_seconds").isEmpty)
        agent.recordPhases(of: Fixtures.success(), module: "mx")
        agent.recordPhases(of: Fixtures.success(), module: "mx")
        agent.recordPhases(of: Fixtures.success(), module: nil)
        let text = ParsedExposition(registry.emitToString())
        let samples = text.samples("imapwatch_probe_phase_duration_seconds")
        // Login took 20 ms in the fixture: above the 10 ms bound, within 25 ms.
        #expect(samples.contains(#"imapwatch_probe_phase_duration_seconds_bucket{module="mx",phase="login",le="0.01"} 0"#))
        #expect(samples.contains(#"imapwatch_probe_phase_duration_seconds_bucket{module="mx",phase="login",le="0.025"} 2"#))
        #expect(samples.contains(#"imapwatch_probe_phase_duration_seconds_count{module="mx",phase="login"} 2"#))
        #expect(samples.contains(#"imapwatch_probe_phase_duration_seconds_sum{module="mx",phase="login"} 0.04"#))
        #expect(samples.contains(#"imapwatch_probe_phase_duration_seconds_count{module="",phase="tls_handshake"} 1"#))
        // The phases the fixture skipped have no series; nothing carries a target label.
        #expect(!samples.contains { $0.contains(#"phase="starttls""#) || $0.contains(#"phase="capability""#) })
        #expect(!samples.contains { $0.contains("target=") })
        let phasesThatRan = Set(Fixtures.success().phases.filter { $0.outcome.duration != nil }.map(\.phase.rawValue))
        let counted = Set(samples.filter { $0.contains("_count{module=\"mx\"") }.compactMap { line in
            line.split(separator: "\"").dropFirst(3).first.map(String.init)
        })
        #expect(counted == phasesThatRan)
    }

    @Test func catalogNamesFollowPrometheusConventions() {
        var names: Set<String> = []
        for family in MetricCatalog.all {
            #expect(names.insert(family.name).inserted, "\(family.name) twice")
            #expect(family.name.hasPrefix(family.isPerTarget ? "imap_" : "imapwatch_"))
            switch family.kind {
            case .counter: #expect(family.name.hasSuffix("_total"))
            case .histogram: #expect(family.name.hasSuffix("_seconds"))
            case .gauge: #expect(!family.name.hasSuffix("_total"))
            }
            if family.name.hasSuffix("_info") { #expect(family.kind == .gauge) }
            #expect(!family.labelNames.contains { ["user", "username", "password"].contains($0) })
        }
        #expect(names.count == 35)
    }
}

/// The alerting's series: every receiver's series from registration on, removed with the receiver.
@Suite struct AlertMetricsTests {
    @Test func receiversSeriesExistFromRegistrationAndLeaveWithTheReceiver() {
        let registry = PrometheusCollectorRegistry()
        let metrics = AlertMetrics(registry: registry)
        metrics.register(receivers: ["ops", "am"])
        metrics.count(.retried, receiver: "ops", by: 2)
        metrics.count(.delivered, receiver: "ops")
        metrics.recordDelivery(receiver: "ops", duration: .milliseconds(30))
        metrics.setQueueLength(receiver: "am", 4)
        metrics.setAlerts(state: "pending", severity: "warning", count: 5)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let text = String(decoding: buffer, as: UTF8.self)
        #expect(text.contains(#"imapwatch_notifications_total{receiver="ops",result="retried"} 2"#))
        #expect(text.contains(#"imapwatch_notifications_total{receiver="ops",result="delivered"} 1"#))
        #expect(text.contains(#"imapwatch_notifications_total{receiver="am",result="dropped"} 0"#))
        #expect(text.contains(#"imapwatch_notification_queue_length{receiver="am"} 4"#))
        #expect(text.contains(#"imapwatch_notification_delivery_seconds_bucket{receiver="ops",le="0.05"} 1"#))
        #expect(text.contains(#"imapwatch_alerts{state="pending",severity="warning"} 5"#))
        #expect(text.contains(#"imapwatch_alerts{state="firing",severity="critical"} 0"#))

        metrics.unregister(receivers: ["am"])
        buffer = []
        registry.emit(into: &buffer)
        let after = String(decoding: buffer, as: UTF8.self)
        #expect(!after.contains(#"receiver="am""#))
        #expect(after.contains(#"receiver="ops""#))
    }
}
