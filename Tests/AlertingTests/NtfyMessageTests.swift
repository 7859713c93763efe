import Foundation
import Testing

@testable import Alerting

/// ntfy's JSON publishing body: exact shape, priority and tag from the worst firing alert, message in 4,096 bytes.
@Suite struct NtfyMessageTests {
    static func alert(_ target: String, _ level: AlertLevel, _ status: AlertNotification.Status = .firing, summary: String = "down")
        -> AlertNotification
    {
        AlertNotification(status: status, level: level, target: target, condition: "probe_failing", summary: summary, since: 1_795_795_428)
    }

    @Test func exactBody() {
        let body = NtfyMessage.body(for: [Self.alert("mail-a", .critical), Self.alert("mail-b", .warning, .resolved)], topic: "imap-alerts")
        #expect(String(decoding: body, as: UTF8.self) == #"""
            {"message":"[CRITICAL] mail-a probe_failing: down (since 2026-11-27T16:03:48Z)\n[RESOLVED] mail-b probe_failing: down (was WARNING since 2026-11-27T16:03:48Z)","priority":5,"tags":["rotating_light"],"title":"imapwatch: 1 firing, 1 resolved","topic":"imap-alerts"}
            """#)
    }

    @Test(arguments: [
        ([alert("a", .warning)], 4, "warning"), ([alert("a", .critical, .resolved)], 3, "white_check_mark"),
        ([alert("a", .warning), alert("b", .critical)], 5, "rotating_light"),
    ] as [([AlertNotification], Int, String)])
    func priorityAndTagFollowTheWorstFiringAlert(alerts: [AlertNotification], priority: Int, tag: String) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(NtfyMessage.body(for: alerts, topic: "t"))) as? [String: Any])
        #expect(object["priority"] as? Int == priority)
        #expect(object["tags"] as? [String] == [tag])
    }

    @Test func theMessageStaysUnder4096BytesEvenInMultiByteText() throws {
        let alerts = (0..<500).map { Self.alert("mail-\($0)", .critical, summary: "échec de connexion 🔒") }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(NtfyMessage.body(for: alerts, topic: "t"))) as? [String: Any])
        let message = try #require(object["message"] as? String)
        let title = try #require(object["title"] as? String)
        #expect((title + "\n" + message).utf8.count <= NtfyMessage.byteLimit)
        #expect(message.hasSuffix("more"))
    }
}
