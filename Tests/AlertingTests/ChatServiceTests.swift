import Foundation
import Testing

@testable import Alerting

/// The one-text-field chat bodies: exact JSON, order of lines, and each service's length limit kept.
@Suite struct ChatServiceTests {
    static let since = 1_795_795_428.0  // 2026-11-27T16:03:48Z

    static func alert(
        _ target: String, _ level: AlertLevel, _ status: AlertNotification.Status = .firing,
        condition: String = "probe_failing", summary: String = "login failed: auth_failed (Authentication failed.)"
    ) -> AlertNotification {
        AlertNotification(status: status, level: level, target: target, condition: condition, summary: summary, since: since)
    }

    func text(_ body: [UInt8], field: String) throws -> String {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(Set(object.keys).subtracting(["allowed_mentions"]) == [field])
        return try #require(object[field] as? String)
    }

    @Test func slackBodyIsExactlyTheDocumentedShape() {
        let body = ChatService.slack.body(for: [
            Self.alert("mail-b", .warning, .resolved, condition: "certificate_expiring", summary: "certificate expires in 12 days"),
            Self.alert("mail-a", .warning, summary: "login took 2.4 s (warning 2 s)"),
            Self.alert("mail-c", .critical),
        ])
        #expect(String(decoding: body, as: UTF8.self) == #"""
            {"text":"imapwatch: 2 firing, 1 resolved\n[CRITICAL] mail-c probe_failing: login failed: auth_failed (Authentication failed.) (since 2026-11-27T16:03:48Z)\n[WARNING] mail-a probe_failing: login took 2.4 s (warning 2 s) (since 2026-11-27T16:03:48Z)\n[RESOLVED] mail-b certificate_expiring: certificate expires in 12 days (was WARNING since 2026-11-27T16:03:48Z)"}
            """#)
    }

    @Test func aHostileServerTextCannotPingAChannelOrPlantALink() throws {
        let summary = "login failed: NO <!channel> @everyone @all <https://evil.example|click> & more"
        let alert = [Self.alert("mail-a", .critical, summary: summary)]
        let slack = try text(ChatService.slack.body(for: alert), field: "text")
        #expect(slack.contains("NO &lt;!channel&gt; @everyone @all &lt;https://evil.example|click&gt; &amp; more"))
        let mattermost = try text(ChatService.mattermost.body(for: alert), field: "text")
        #expect(mattermost.contains("@\u{200B}everyone @\u{200B}all"))
        #expect(!mattermost.contains("@all"))
        let discord = try #require(
            try JSONSerialization.jsonObject(with: Data(ChatService.discord.body(for: alert))) as? [String: Any])
        #expect((discord["allowed_mentions"] as? [String: [String]]) == ["parse": []])
    }

    @Test func discordUsesContent() throws {
        let body = ChatService.discord.body(for: [Self.alert("mail-a", .critical)])
        #expect(try text(body, field: "content").hasPrefix("imapwatch: 1 firing\n[CRITICAL] mail-a"))
    }

    @Test(arguments: ChatService.allCases)
    func manyAlertsStayWithinTheLimitAndSayHowManyAreLeftOut(service: ChatService) throws {
        let alerts = (0..<2000).map { Self.alert(String(format: "mail-%04d", $0), .critical) }
        let text = try text(service.body(for: alerts), field: service.textField)
        #expect(text.utf16.count <= service.characterLimit)
        let lines = text.split(separator: "\n")
        let shown = lines.filter { $0.hasPrefix("[CRITICAL]") }.count
        let last = try #require(lines.last)
        #expect(last == "… \(2000 - shown) more", "\(last)")
        #expect(shown > 0)
    }

    @Test func oneLineLongerThanTheLimitIsCutOnACharacterBoundary() throws {
        let summary = String(repeating: "é🔒x", count: 2000)
        let text = try text(ChatService.discord.body(for: [Self.alert("mail-a", .critical, summary: summary)]), field: "content")
        #expect(text.utf16.count <= 2000)
        #expect(text.hasSuffix("…"))
        #expect(text.hasPrefix("imapwatch: 1 firing\n[CRITICAL] mail-a probe_failing: é🔒x"))
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .surrogate })
    }

    @Test func cutKeepsShortTextAndCountsUTF16() {
        #expect(ChatText.cut("short", to: 10) == "short")
        #expect(ChatText.cut("🔒🔒🔒", to: 5) == "🔒🔒…")
        #expect(ChatText.cut("abcdef", to: 4) == "abc…")
    }
}
