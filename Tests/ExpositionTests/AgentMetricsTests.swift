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
        #expect(names.count == 34)
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
