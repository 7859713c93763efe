import Foundation
import TestSupport
import Testing

@testable import Alerting

/// The Alertmanager webhook body (version 4) and the `POST /api/v2/alerts` list, as exact JSON.
@Suite struct AlertmanagerPayloadTests {
    static let firing = AlertNotification(
        status: .firing, level: .critical, target: "mail-a", condition: "probe_failing",
        summary: "login failed: auth_failed", since: 1_795_795_428,
        labels: ["host": "imap.example.org", "port": "993", "tls": "implicit", "site": "fra1"])
    static let resolved = AlertNotification(
        status: .resolved, level: .warning, target: "mail-b", condition: "certificate_expiring",
        summary: "certificate expires in 12 days", since: 1_795_700_000, resolvedAt: 1_795_795_428,
        labels: ["host": "mx.example.net", "port": "143", "tls": "starttls", "site": "fra1"])

    @Test func webhookVersion4() {
        let body = AlertmanagerPayload.webhook(
            [Self.firing, Self.resolved], receiver: "ops", externalURL: "http://agent:9643/", generatorURL: nil)
        let firingPrint = AlertmanagerPayload.fingerprint(Self.firing.alertLabels)
        let resolvedPrint = AlertmanagerPayload.fingerprint(Self.resolved.alertLabels)
        #expect(String(decoding: body, as: UTF8.self) == """
            {"alerts":[\
            {"annotations":{"summary":"login failed: auth_failed"},"endsAt":"0001-01-01T00:00:00Z","fingerprint":"\(firingPrint)","generatorURL":"",\
            "labels":{"alertname":"IMAPProbeFailing","condition":"probe_failing","host":"imap.example.org","port":"993","severity":"critical","site":"fra1","target":"mail-a","tls":"implicit"},\
            "startsAt":"2026-11-27T16:03:48Z","status":"firing"},\
            {"annotations":{"summary":"certificate expires in 12 days"},"endsAt":"2026-11-27T16:03:48Z","fingerprint":"\(resolvedPrint)","generatorURL":"",\
            "labels":{"alertname":"IMAPCertificateExpiring","condition":"certificate_expiring","host":"mx.example.net","port":"143","severity":"warning","site":"fra1","target":"mail-b","tls":"starttls"},\
            "startsAt":"2026-11-26T13:33:20Z","status":"resolved"}],\
            "commonAnnotations":{},"commonLabels":{"site":"fra1"},"externalURL":"http://agent:9643/",\
            "groupKey":"{}:{receiver=\\"ops\\"}","groupLabels":{},"receiver":"ops","status":"firing","truncatedAlerts":0,"version":"4"}
            """)
    }

    @Test func allResolvedGroupIsResolved() throws {
        let body = AlertmanagerPayload.webhook([Self.resolved], receiver: "ops", externalURL: "", generatorURL: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(object["status"] as? String == "resolved")
        #expect((object["commonAnnotations"] as? [String: String]) == ["summary": "certificate expires in 12 days"])
    }

    @Test func postableAlertsForTheV2API() {
        let body = AlertmanagerPayload.postableAlerts([Self.firing, Self.resolved], generatorURL: "http://agent:9643/")
        #expect(String(decoding: body, as: UTF8.self) == """
            [{"annotations":{"summary":"login failed: auth_failed"},"generatorURL":"http://agent:9643/",\
            "labels":{"alertname":"IMAPProbeFailing","condition":"probe_failing","host":"imap.example.org","port":"993","severity":"critical","site":"fra1","target":"mail-a","tls":"implicit"},\
            "startsAt":"2026-11-27T16:03:48Z"},\
            {"annotations":{"summary":"certificate expires in 12 days"},"endsAt":"2026-11-27T16:03:48Z","generatorURL":"http://agent:9643/",\
            "labels":{"alertname":"IMAPCertificateExpiring","condition":"certificate_expiring","host":"mx.example.net","port":"143","severity":"warning","site":"fra1","target":"mail-b","tls":"starttls"},\
            "startsAt":"2026-11-26T13:33:20Z"}]
            """)
    }

    @Test func aLevelChangeEndsTheOldSeverity() throws {
        var changed = Self.firing
        changed.level = .warning
        changed.replacedLevel = .critical
        changed.replacedAt = Self.firing.since + 600
        let body = AlertmanagerPayload.postableAlerts([changed], generatorURL: nil)
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]])
        #expect(alerts.count == 2)
        #expect((alerts.first?["labels"] as? [String: String])?["severity"] == "critical")
        #expect(alerts.first?["endsAt"] as? String == "2026-11-27T16:13:48Z")
        #expect((alerts.last?["labels"] as? [String: String])?["severity"] == "warning")
        #expect(alerts.last?["endsAt"] == nil)
    }

    @Test func ourLabelsWinOverTargetLabelsOfTheSameName() {
        var notification = Self.firing
        notification.labels["severity"] = "low"
        notification.labels["alertname"] = "x"
        #expect(notification.alertLabels["severity"] == "critical")
        #expect(notification.alertLabels["alertname"] == "IMAPProbeFailing")
    }

    /// Prometheus's label-set fingerprint: the FNV-1a 64 offset basis for no labels, and the same value as an
    /// independent implementation (Python) for a real set, whatever the order the labels came in.
    @Test func fingerprintIsPrometheusLabelSetFingerprint() throws {
        #expect(AlertmanagerPayload.fingerprint([:]) == "cbf29ce484222325")
        let labels = Self.firing.alertLabels
        let script = """
            import sys
            h = 0xcbf29ce484222325
            pairs = sorted(p.split("=", 1) for p in sys.argv[1:])
            for name, value in pairs:
                for b in name.encode() + b"\\xff" + value.encode() + b"\\xff":
                    h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
            print("%016x" % h)
            """
        let run = try ToolRun.run(
            tool: "python3", ["-c", script] + labels.map { "\($0.key)=\($0.value)" }.shuffled(), standardError: .discarded)
        let expected = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(AlertmanagerPayload.fingerprint(labels) == expected)
        #expect(expected.count == 16)
    }
}
