#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The two Alertmanager formats: the webhook body Alertmanager itself sends (version 4, the de-facto generic
/// webhook format) and the list of alerts its `POST /api/v2/alerts` takes.
public enum AlertmanagerPayload {
    /// `POST /api/v2/alerts`: one postable alert per notification. A firing alert has no `endsAt` (Alertmanager
    /// applies its `resolve_timeout` unless it is sent again); a resolved one ends when it resolved. An alert that
    /// changed level also ends its old-severity twin (a different label set, so a different alert there).
    public static func postableAlerts(_ notifications: [AlertNotification], generatorURL: String?) -> [UInt8] {
        var alerts: [PostableAlert] = []
        for notification in notifications {
            if let old = notification.replacedLevel, let at = notification.replacedAt {
                var ended = notification
                ended.status = .resolved
                ended.level = old
                ended.resolvedAt = at
                alerts.append(PostableAlert(ended, generatorURL: generatorURL))
            }
            alerts.append(PostableAlert(notification, generatorURL: generatorURL))
        }
        return ReceiverJSON.encode(alerts)
    }

    /// The webhook body (version 4) for one group of notifications sent to `receiver`.
    public static func webhook(
        _ notifications: [AlertNotification], receiver: String, externalURL: String, generatorURL: String?
    ) -> [UInt8] {
        let alerts = notifications.map { WebhookAlert($0, generatorURL: generatorURL) }
        let common = commonPairs(alerts.map(\.labels))
        let message = WebhookMessage(
            version: "4", groupKey: "{}:{receiver=\"\(receiver)\"}", truncatedAlerts: 0,
            status: notifications.contains { $0.status == .firing } ? "firing" : "resolved", receiver: receiver,
            groupLabels: [:], commonLabels: common, commonAnnotations: commonPairs(alerts.map(\.annotations)),
            externalURL: externalURL, alerts: alerts)
        return ReceiverJSON.encode(message)
    }

    /// RFC 3339 in UTC, as Alertmanager writes times.
    static func timestamp(_ unixSeconds: Double) -> String {
        Date(timeIntervalSince1970: unixSeconds).ISO8601Format()
    }

    /// Alertmanager's "zero" time, the `endsAt` of an alert that has not resolved.
    static let zeroTime = "0001-01-01T00:00:00Z"

    /// The label set's fingerprint as Prometheus computes it: FNV-1a 64 over the names and values sorted by name,
    /// each followed by the byte 0xFF; 16 hex digits.
    static func fingerprint(_ labels: [String: String]) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        for name in labels.keys.sorted() {
            for byte in name.utf8 { add(byte) }
            add(0xFF)
            for byte in (labels[name] ?? "").utf8 { add(byte) }
            add(0xFF)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The pairs every one of `sets` has with the same value.
    static func commonPairs(_ sets: [[String: String]]) -> [String: String] {
        guard var common = sets.first else { return [:] }
        for set in sets.dropFirst() {
            common = common.filter { set[$0.key] == $0.value }
        }
        return common
    }

    struct PostableAlert: Encodable {
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: String
        var endsAt: String?
        var generatorURL: String?

        init(_ notification: AlertNotification, generatorURL: String?) {
            labels = notification.alertLabels
            annotations = ["summary": notification.summary]
            startsAt = AlertmanagerPayload.timestamp(notification.since)
            endsAt = notification.status == .resolved
                ? AlertmanagerPayload.timestamp(notification.resolvedAt ?? notification.since) : nil
            self.generatorURL = generatorURL
        }
    }

    struct WebhookAlert: Encodable {
        var status: String
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: String
        var endsAt: String
        var generatorURL: String
        var fingerprint: String

        init(_ notification: AlertNotification, generatorURL: String?) {
            status = notification.status.rawValue
            labels = notification.alertLabels
            annotations = ["summary": notification.summary]
            startsAt = AlertmanagerPayload.timestamp(notification.since)
            endsAt = notification.status == .resolved
                ? AlertmanagerPayload.timestamp(notification.resolvedAt ?? notification.since)
                : AlertmanagerPayload.zeroTime
            self.generatorURL = generatorURL ?? ""
            fingerprint = AlertmanagerPayload.fingerprint(labels)
        }
    }

    struct WebhookMessage: Encodable {
        var version: String
        var groupKey: String
        var truncatedAlerts: Int
        var status: String
        var receiver: String
        var groupLabels: [String: String]
        var commonLabels: [String: String]
        var commonAnnotations: [String: String]
        var externalURL: String
        var alerts: [WebhookAlert]
    }
}
