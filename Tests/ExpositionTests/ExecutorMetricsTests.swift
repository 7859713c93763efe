import BlockingWork
import Prometheus
import Testing

@testable import Exposition

/// `ExecutorMetrics`: every executor's series from the start, gauges set from the statistics, and the refusal
/// counter grown by what is new at each refresh (never twice the same refusal, never backwards).
@Suite struct ExecutorMetricsTests {
    func sample(_ text: String, _ name: String, _ executor: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("\(name){executor=\"\(executor)\"}") }
            .map { String($0.split(separator: " ").last ?? "") }
    }

    @Test func seriesFollowTheStatistics() {
        let registry = PrometheusCollectorRegistry()
        let metrics = ExecutorMetrics(registry: registry, names: ["resolver", "auth"])
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        var text = String(decoding: buffer, as: UTF8.self)
        #expect(sample(text, "imapwatch_executor_rejected_total", "resolver") == "0")
        #expect(sample(text, "imapwatch_executor_running", "auth") == "0.0")

        metrics.record("auth", .init(running: 1, queued: 4, rejected: 17))
        metrics.record("auth", .init(running: 1, queued: 4, rejected: 17))
        metrics.record("auth", .init(running: 0, queued: 2, rejected: 20))
        metrics.record("unknown", .init(running: 9, queued: 9, rejected: 9))
        buffer = []
        registry.emit(into: &buffer)
        text = String(decoding: buffer, as: UTF8.self)
        #expect(sample(text, "imapwatch_executor_rejected_total", "auth") == "20")
        #expect(sample(text, "imapwatch_executor_queued", "auth") == "2.0")
        #expect(sample(text, "imapwatch_executor_running", "auth") == "0.0")
        #expect(sample(text, "imapwatch_executor_rejected_total", "resolver") == "0")
        #expect(!text.contains("unknown"))
    }
}
