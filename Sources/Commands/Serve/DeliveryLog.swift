import Alerting
import Exposition
import Logging

/// One delivery attempt as metrics and a log line: a delivery at info, a failure to retry as a warning with the
/// receiver's status and first words, a rejection as an error. Never the URL or a header value (the client has
/// removed them from every text it returns). `metrics` is `nil` for a receiver a reload removed: its last
/// notifications are logged, but its series are not made again.
enum DeliveryLog {
    static func record(_ report: DeliveryReport, metrics: AlertMetrics?, logger: Logger) {
        if report.duration > .zero { metrics?.recordDelivery(receiver: report.receiver, duration: report.duration) }
        var metadata: Logger.Metadata = ["receiver": "\(report.receiver)", "attempt": "\(report.attempt)"]
        if let status = report.result.status { metadata["status"] = "\(status)" }
        if let error = report.result.transportError { metadata["error"] = "\(error)" }
        if !report.result.responsePrefix.isEmpty { metadata["response"] = "\(report.result.responsePrefix)" }
        switch report.outcome {
        case .delivered:
            metrics?.count(.delivered, receiver: report.receiver)
            metadata["duration_seconds"] = "\(report.duration.inSeconds)"
            logger.info("notification delivered", metadata: metadata)
        case .willRetry(let notBefore):
            metrics?.count(.retried, receiver: report.receiver)
            metadata["retry_at"] = "\(TimestampText.iso8601(Int64(notBefore)))"
            logger.warning("notification delivery failed; will retry", metadata: metadata)
        case .rejected:
            metrics?.count(.rejected, receiver: report.receiver)
            logger.error("notification rejected by the receiver; dropped", metadata: metadata)
        }
    }
}
