import Foundation
import Testing

@testable import Alerting

/// The Teams Workflows body: one Adaptive Card with a bold heading and a coloured block per alert.
@Suite struct TeamsCardTests {
    @Test func exactCard() {
        let body = TeamsCard.body(for: [
            AlertNotification(
                status: .resolved, level: .warning, target: "mail-b", condition: "quota_high", summary: "quota 82%",
                since: 1_795_795_428),
            AlertNotification(
                status: .firing, level: .critical, target: "mail-a", condition: "probe_failing",
                summary: "connect failed: connect_refused", since: 1_795_795_428),
        ])
        #expect(String(decoding: body, as: UTF8.self) == """
            {"attachments":[{"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","body":[\
            {"text":"imapwatch: 1 firing, 1 resolved","type":"TextBlock","weight":"Bolder","wrap":true},\
            {"color":"Attention","text":"[CRITICAL] mail-a probe_failing: connect failed: connect_refused (since 2026-11-27T16:03:48Z)","type":"TextBlock","wrap":true},\
            {"color":"Good","text":"[RESOLVED] mail-b quota_high: quota 82% (was WARNING since 2026-11-27T16:03:48Z)","type":"TextBlock","wrap":true}],\
            "type":"AdaptiveCard","version":"1.4"},"contentType":"application/vnd.microsoft.card.adaptive"}],"type":"message"}
            """)
    }

    @Test func aLargeGroupStaysUnderTeamsMessageSize() throws {
        let alerts = (0..<5000).map {
            AlertNotification(
                status: .firing, level: .warning, target: "mail-\($0)", condition: "phase_slow",
                summary: "login took 2.4 s (warning 2 s)", since: 1_795_795_428)
        }
        let body = TeamsCard.body(for: alerts)
        #expect(body.count < 28_000, "\(body.count) bytes")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(object["type"] as? String == "message")
    }

    /// Three-byte characters and many short lines: bytes, not characters, are what Teams counts.
    @Test func multiByteTextAndShortLinesStayUnderTeamsMessageSize() throws {
        for summary in [String(repeating: "配額已滿", count: 30), "x"] {
            let alerts = (0..<5000).map {
                AlertNotification(
                    status: .firing, level: .critical, target: "m\($0)", condition: "quota_high", summary: summary,
                    since: 1_795_795_428)
            }
            let body = TeamsCard.body(for: alerts)
            #expect(body.count <= TeamsCard.byteLimit, "\(body.count) bytes")
            #expect(body.count > TeamsCard.byteLimit / 2, "cut no more than needed: \(body.count) bytes")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
            #expect(object["type"] as? String == "message")
        }
    }
}
