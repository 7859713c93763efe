import Testing

@testable import Alerting

/// group_wait: alerts that fire together for one receiver go out as one message.
@Suite struct NotificationGrouperTests {
    static func alert(_ target: String, _ condition: String = "probe_failing", _ status: AlertNotification.Status = .firing)
        -> AlertNotification
    {
        AlertNotification(status: status, level: .critical, target: target, condition: condition, summary: "x", since: 0)
    }

    @Test func alertsWithinTheWaitGoOutTogetherPerReceiver() {
        var grouper = NotificationGrouper(groupWait: .seconds(30))
        grouper.add(Self.alert("mail-a"), receiver: "slack", now: 100)
        grouper.add(Self.alert("mail-b"), receiver: "slack", now: 110)
        grouper.add(Self.alert("mail-a"), receiver: "pager", now: 120)
        #expect(grouper.nextDue == 130)
        #expect(grouper.due(now: 129).isEmpty)
        let first = grouper.due(now: 130)
        #expect(first.map(\.receiver) == ["slack"])
        #expect(first.first?.notifications.map(\.target) == ["mail-a", "mail-b"])
        #expect(grouper.nextDue == 150)
        #expect(grouper.due(now: 150).map(\.receiver) == ["pager"])
        #expect(grouper.nextDue == nil)
    }

    @Test func aNewerWordOnTheSameAlertReplacesTheOlderInAnOpenGroup() {
        var grouper = NotificationGrouper(groupWait: .seconds(30))
        grouper.add(Self.alert("mail-a"), receiver: "slack", now: 0)
        grouper.add(Self.alert("mail-a", "quota_high"), receiver: "slack", now: 1)
        grouper.add(Self.alert("mail-a", "probe_failing", .resolved), receiver: "slack", now: 2)
        let group = grouper.due(now: 30).first?.notifications ?? []
        #expect(group.map(\.condition) == ["quota_high", "probe_failing"])
        #expect(group.last?.status == .resolved)
    }

    @Test func zeroWaitSendsAtTheNextCall() {
        var grouper = NotificationGrouper(groupWait: .zero)
        grouper.add(Self.alert("mail-a"), receiver: "slack", now: 5)
        #expect(grouper.due(now: 5).count == 1)
    }

    @Test func aGroupOpenedBeforeTheClockWentBackIsDueAtOnce() {
        var grouper = NotificationGrouper(groupWait: .seconds(30))
        grouper.add(Self.alert("mail-a"), receiver: "slack", now: 10_000)
        #expect(grouper.due(now: 6_400).map(\.receiver) == ["slack"], "not an hour later")
    }

    @Test func notificationsPutBackAreDueAgainAndANewerWordWins() {
        var grouper = NotificationGrouper(groupWait: .seconds(30))
        let old = Self.alert("mail-a")
        grouper.add(Self.alert("mail-a", "probe_failing", .resolved), receiver: "slack", now: 100)
        grouper.putBack([old, Self.alert("mail-b")], receiver: "slack", now: 100)
        let due = grouper.due(now: 100)
        #expect(due.first?.notifications.map(\.target) == ["mail-b", "mail-a"])
        #expect(due.first?.notifications.last?.status == .resolved, "the newer word on mail-a stays")
    }
}
