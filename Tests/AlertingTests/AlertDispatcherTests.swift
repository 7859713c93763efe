import Config
import Foundation
import Prober
import TestSupport
import Testing

@testable import Alerting

/// The daemon's alert pipeline from probe results to a real listener: thresholds, routing, grouping, the
/// durable state across a restart, the Alertmanager re-send, and a template that cannot be written.
@Suite("alert dispatcher: probe results to a real listener", .serialized)
struct AlertDispatcherTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-dispatch-\(UUID().uuidString)").path
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static let now = AlertConditionsTests.now

    static func failed(at now: Double = Self.now) -> ProbeResult {
        let failure = ProbeFailure(code: .connectRefused, phase: .connect, message: "connection refused")
        return ProbeResult(
            host: "imap.example.org", port: 993, tlsMode: .implicit, startedAt: now,
            phases: [PhaseRecord(phase: .connect, outcome: .failed(.milliseconds(1), failure))],
            totalDuration: .milliseconds(1), failure: failure)
    }

    static func target(
        _ name: String, labels: [TargetLabel] = [], policy: AlertPolicy = AlertPolicy(failureThreshold: 2, successThreshold: 1)
    ) -> TargetConfiguration {
        TargetConfiguration(
            name: name, labels: labels, settings: ProbeSettings(host: "imap.example.org", port: 993),
            alertPolicy: policy)
    }

    /// A receiver posting to `path` on the listener; the URL comes from a file, as configured ones do.
    static func receiver(
        _ name: String, _ kind: ReceiverConfiguration.Kind, port: Int, path: String, folder: Folder
    ) throws -> ReceiverConfiguration {
        let file = folder.path + "/\(name).url"
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data("http://127.0.0.1:\(port)\(path)\n".utf8).write(to: URL(fileURLWithPath: file))
        return ReceiverConfiguration(name: name, kind: kind, url: .file(path: file), timeout: .seconds(3))
    }

    static func dispatcher(_ configuration: AlertingConfiguration, folder: Folder) throws -> AlertDispatcher {
        let receivers = try AlertReceivers(configuration, site: "http://agent.test:9143/", environment: [:])
        var queue = try DurableQueue(directory: folder.path + "/queue")
        _ = try queue.recover()
        let stateFile = try AlertStateFile(directory: folder.path)
        return AlertDispatcher(
            receivers: receivers, snapshot: try stateFile.load(),
            notifier: Notifier(queue: queue, endpoints: receivers.endpoints, jitter: { 0 }), stateFile: stateFile)
    }

    /// A dispatcher with one receiver posting to `path` on `listener` (group_wait 0), and its configuration.
    static func dispatcher(
        _ name: String, _ kind: ReceiverConfiguration.Kind, path: String, listener: ServerProcess, folder: Folder
    ) throws -> (AlertDispatcher, AlertingConfiguration) {
        let configuration = AlertingConfiguration(
            groupWait: .zero, receivers: [try receiver(name, kind, port: listener.port, path: path, folder: folder)])
        return (try dispatcher(configuration, folder: folder), configuration)
    }

    /// A dispatcher with one receiver (group_wait 0) whose target `a` has just fired `probe_failing`.
    static func firing(
        _ name: String, _ kind: ReceiverConfiguration.Kind, path: String, listener: ServerProcess, folder: Folder
    ) async throws -> (AlertDispatcher, TargetConfiguration, AlertReceivers) {
        let (dispatcher, configuration) = try dispatcher(name, kind, path: path, listener: listener, folder: folder)
        let target = target("a")
        _ = await dispatcher.observe(failed(), of: target, now: now)
        _ = await dispatcher.observe(failed(), of: target, now: now + 1)
        return (dispatcher, target, try AlertReceivers(configuration, site: "", environment: [:]))
    }

    /// Waits (at most 3 s) until the listener has printed `count` requests on `path`: its output reaches us
    /// through a pipe, a little after the answer.
    static func settle(_ listener: ServerProcess, _ path: String, count: Int) async throws {
        for _ in 0..<60 where requestCount(listener, path) < count {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The JSON bodies the listener received on `path`.
    static func bodies(_ listener: ServerProcess, _ path: String) -> [[String: Any]] {
        listener.printed.components(separatedBy: "\n").filter { $0.hasPrefix("REQ \(path) ") }.compactMap { line in
            guard let hex = line.split(separator: " ").last, let data = Data(hexText: String(hex)) else { return nil }
            return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
    }

    @Test func firesAfterTheThresholdGroupsByReceiverAndResolvesAcrossARestart() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let configuration = AlertingConfiguration(
            groupWait: .seconds(10),
            receivers: [try Self.receiver("hook", .webhook, port: listener.port, path: "/ok/hook", folder: folder)])
        let (a, b) = (Self.target("a"), Self.target("b"))
        var now = Self.now
        do {
            let dispatcher = try Self.dispatcher(configuration, folder: folder)
            #expect(await dispatcher.observe(Self.failed(), of: a, now: now).isEmpty, "one bad probe is pending")
            #expect(await dispatcher.alertCounts["pending"]?[.critical] == 1)
            now += 1
            let fired = await dispatcher.observe(Self.failed(), of: a, now: now)
            #expect(fired.map(\.condition) == ["probe_failing"])
            _ = await dispatcher.observe(Self.failed(), of: b, now: now + 1)
            _ = await dispatcher.observe(Self.failed(), of: b, now: now + 2)
            #expect(await dispatcher.tick(now: now + 5).queued.isEmpty, "the group waits 10 s")
            let tick = await dispatcher.tick(now: now + 10)
            #expect(tick.queued == ["hook": 1], "both targets in one message")
            #expect(tick.deliveries.map(\.outcome) == [.delivered])
            #expect(await dispatcher.alertCounts["firing"]?[.critical] == 2)
        }
        try await Self.settle(listener, "/ok/hook", count: 1)
        let firing = Self.bodies(listener, "/ok/hook")
        #expect(firing.count == 1)
        #expect(firing.first?["status"] as? String == "firing")
        #expect((firing.first?["alerts"] as? [[String: Any]])?.count == 2)
        #expect(firing.first?["externalURL"] as? String == "http://agent.test:9143/")

        // A new dispatcher over the same folder: the firing alerts are remembered, not fired again.
        let restarted = try Self.dispatcher(configuration, folder: folder)
        #expect(await restarted.alertCounts["firing"]?[.critical] == 2)
        #expect(await restarted.observe(Self.failed(), of: a, now: now + 20).isEmpty, "still firing: nothing new")
        let resolved = await restarted.observe(AlertConditionsTests.success(), of: a, now: now + 30)
        #expect(resolved.map(\.status) == [.resolved])
        _ = await restarted.tick(now: now + 40)
        try await Self.settle(listener, "/ok/hook", count: 2)
        let all = Self.bodies(listener, "/ok/hook")
        #expect(all.count == 2)
        #expect(all.last?["status"] as? String == "resolved")
        let alerts = all.last?["alerts"] as? [[String: Any]]
        #expect((alerts?.first?["labels"] as? [String: String])?["target"] == "a")
    }

    @Test func routesBySeverityAndLabelAndHonoursDisabledConditions() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let configuration = AlertingConfiguration(
            groupWait: .zero,
            receivers: [
                try Self.receiver("mail-team", .slack, port: listener.port, path: "/ok/mail", folder: folder),
                try Self.receiver("warnings", .discord, port: listener.port, path: "/ok/warn", folder: folder),
            ],
            routes: [
                AlertRoute(receiver: "mail-team", severities: ["critical"], match: ["team": ["mail"]]),
                AlertRoute(receiver: "warnings", severities: ["warning"]),
            ])
        let dispatcher = try Self.dispatcher(configuration, folder: folder)
        let mail = Self.target("mail", labels: [TargetLabel(name: "team", value: "mail")])
        let other = Self.target("other", labels: [TargetLabel(name: "team", value: "web")])
        let quiet = Self.target(
            "quiet", labels: [TargetLabel(name: "team", value: "mail")],
            policy: AlertPolicy(failureThreshold: 1, disabledConditions: ["probe_failing"]))
        for time in [Self.now, Self.now + 1] {
            for target in [mail, other, quiet] { _ = await dispatcher.observe(Self.failed(), of: target, now: time) }
        }
        let tick = await dispatcher.tick(now: Self.now + 2)
        #expect(tick.queued == ["mail-team": 1], "other's critical has no route; quiet's condition is off")
        try await Self.settle(listener, "/ok/mail", count: 1)
        let text = Self.bodies(listener, "/ok/mail").first?["text"] as? String
        #expect(text?.contains("mail") == true)
        #expect(text?.contains("other") == false)
        #expect(text?.contains("quiet") == false)
        #expect(Self.bodies(listener, "/ok/warn").isEmpty)
    }

    @Test func anAlertmanagerIsSentTheFiringAlertsAgainEveryMinute() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let (dispatcher, target, _) = try await Self.firing(
            "am", .alertmanager, path: "/ok/am", listener: listener, folder: folder)
        _ = await dispatcher.tick(now: Self.now + 2)
        _ = await dispatcher.tick(now: Self.now + 30)
        try await Self.settle(listener, "/ok/am", count: 1)
        #expect(Self.requestCount(listener, "/ok/am") == 1, "the first message; no re-send within a minute")
        _ = await dispatcher.tick(now: Self.now + 63)
        try await Self.settle(listener, "/ok/am", count: 2)
        #expect(Self.requestCount(listener, "/ok/am") == 2, "sent again after a minute while firing")
        let again = Self.arrays(listener, "/ok/am").last
        #expect(again?.first?["labels"].flatMap { $0 as? [String: String] }?["target"] == "a")
        #expect(again?.first?["annotations"].flatMap { $0 as? [String: String] }?["summary"]?.contains("connect_refused") == true)
        _ = await dispatcher.observe(AlertConditionsTests.success(), of: target, now: Self.now + 70)
        _ = await dispatcher.tick(now: Self.now + 71)
        _ = await dispatcher.tick(now: Self.now + 200)
        try await Self.settle(listener, "/ok/am", count: 3)
        #expect(Self.requestCount(listener, "/ok/am") == 3, "the resolution, and no re-send once resolved")
    }

    static func requestCount(_ listener: ServerProcess, _ path: String) -> Int {
        listener.printed.components(separatedBy: "\n").filter { $0.hasPrefix("REQ \(path) ") }.count
    }

    /// The JSON array bodies (Alertmanager's postable alerts) received on `path`.
    static func arrays(_ listener: ServerProcess, _ path: String) -> [[[String: Any]]] {
        listener.printed.components(separatedBy: "\n").filter { $0.hasPrefix("REQ \(path) ") }.compactMap { line in
            guard let hex = line.split(separator: " ").last, let data = Data(hexText: String(hex)) else { return nil }
            return try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        }
    }

    @Test func aTemplateReceiverSendsItsBodyAndAnInvalidOneSendsNothing() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        var good = try Self.receiver("good", .template, port: listener.port, path: "/ok/good", folder: folder)
        good.templateFile = folder.path + "/good.mustache"
        try Data(#"{"title": "{{summary}}", "first": "{{#alerts}}{{target}}/{{condition}}{{/alerts}}"}"#.utf8)
            .write(to: URL(fileURLWithPath: folder.path + "/good.mustache"))
        var bad = try Self.receiver("bad", .template, port: listener.port, path: "/ok/bad", folder: folder)
        bad.templateFile = folder.path + "/bad.mustache"
        try Data(#"{"text": {{{summary}}}}"#.utf8).write(to: URL(fileURLWithPath: folder.path + "/bad.mustache"))
        let configuration = AlertingConfiguration(groupWait: .zero, receivers: [good, bad])
        let dispatcher = try Self.dispatcher(configuration, folder: folder)
        let target = Self.target("a")
        _ = await dispatcher.observe(Self.failed(), of: target, now: Self.now)
        _ = await dispatcher.observe(Self.failed(), of: target, now: Self.now + 1)
        let tick = await dispatcher.tick(now: Self.now + 2)
        #expect(tick.queued == ["good": 1])
        #expect(tick.formatFailures.map(\.receiver) == ["bad"])
        #expect(tick.formatFailures.first?.reason.contains("not valid JSON") == true, "\(tick.formatFailures)")
        try await Self.settle(listener, "/ok/good", count: 1)
        let body = Self.bodies(listener, "/ok/good").first
        #expect(body?["title"] as? String == "1 firing")
        #expect(body?["first"] as? String == "a/probe_failing")
        #expect(Self.requestCount(listener, "/ok/bad") == 0)

        var broken = good
        broken.templateFile = folder.path + "/broken.mustache"
        try Data("{{#alerts}}".utf8).write(to: URL(fileURLWithPath: folder.path + "/broken.mustache"))
        #expect(throws: ReceiverFormat.Failure.self) {
            try AlertReceivers(AlertingConfiguration(receivers: [broken]), site: "", environment: [:])
        }
    }

    @Test func anOutageOfManyTargetsReachesAWebhookWhole_InMessagesOf500_AndAChatInOne() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let configuration = AlertingConfiguration(
            groupWait: .seconds(30),
            receivers: [
                try Self.receiver("hook", .webhook, port: listener.port, path: "/ok/many", folder: folder),
                try Self.receiver("chat", .discord, port: listener.port, path: "/ok/chat", folder: folder),
            ])
        let dispatcher = try Self.dispatcher(configuration, folder: folder)
        let targets = (0..<1_200).map { Self.target("mail-\($0)") }
        for time in [Self.now, Self.now + 1] {
            for target in targets { _ = await dispatcher.observe(Self.failed(), of: target, now: time) }
        }
        var tick = await dispatcher.tick(now: Self.now + 31)
        #expect(tick.queued == ["hook": 3, "chat": 1])
        for second in 32..<40 where await dispatcher.queueLengths().values.reduce(0, +) > 0 {
            tick = await dispatcher.tick(now: Self.now + Double(second))
        }
        try await Self.settle(listener, "/ok/many", count: 3)
        let sizes = Self.bodies(listener, "/ok/many").map { ($0["alerts"] as? [[String: Any]])?.count ?? 0 }
        #expect(sizes == [500, 500, 200])
        try await Self.settle(listener, "/ok/chat", count: 1)
        let content = Self.bodies(listener, "/ok/chat").first?["content"] as? String ?? ""
        #expect(Self.requestCount(listener, "/ok/chat") == 1)
        #expect(content.count <= 2_000 && content.contains("more"), "\(content.count) characters")
    }

    @Test func aConditionNoLongerCheckedAfterAReloadResolves() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let (dispatcher, target, receivers) = try await Self.firing(
            "hook", .webhook, path: "/ok/off", listener: listener, folder: folder)
        var disabled = target
        disabled.alertPolicy.disabledConditions = ["probe_failing"]
        let resolved = await dispatcher.reconfigure(receivers: receivers, targets: [disabled], now: Self.now + 2)
        #expect(resolved.map(\.status) == [.resolved])
        #expect(resolved.first?.summary == "condition no longer checked for this target")
        #expect(await dispatcher.alertCounts["firing"]?.values.reduce(0, +) ?? 0 == 0)
        _ = await dispatcher.tick(now: Self.now + 3)
        try await Self.settle(listener, "/ok/off", count: 1)
        #expect(Self.bodies(listener, "/ok/off").map { $0["status"] as? String } == ["resolved"], "one message: fired and resolved in one group")
    }

    @Test func aResolutionReachesEveryReceiverToldTheAlertFired() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let configuration = AlertingConfiguration(
            groupWait: .zero,
            receivers: [
                try Self.receiver("pager", .webhook, port: listener.port, path: "/ok/pager", folder: folder),
                try Self.receiver("chat", .webhook, port: listener.port, path: "/ok/chat", folder: folder),
            ],
            routes: [AlertRoute(receiver: "pager", severities: ["critical"]), AlertRoute(receiver: "chat", severities: ["warning"])])
        let dispatcher = try Self.dispatcher(configuration, folder: folder)
        let target = Self.target("a", policy: AlertPolicy(failureThreshold: 1, successThreshold: 1))
        let tls = { (days: Double) in AlertConditionsTests.success(tls: AlertConditionsTests.tls(daysLeft: days)) }
        var statuses: [String: [String]] = [:]
        for (step, days) in [5.0, 15, 60].enumerated() {
            _ = await dispatcher.observe(tls(days), of: target, now: Self.now + Double(step * 10))
            _ = await dispatcher.tick(now: Self.now + Double(step * 10) + 1)
        }
        for receiver in ["pager", "chat"] {
            try await Self.settle(listener, "/ok/\(receiver)", count: receiver == "pager" ? 3 : 2)
            statuses[receiver] = Self.bodies(listener, "/ok/\(receiver)").compactMap { body in
                (body["alerts"] as? [[String: Any]])?.compactMap { alert in
                    let labels = alert["labels"] as? [String: String]
                    return labels?["condition"] == "certificate_expiring"
                        ? "\(alert["status"] ?? "")/\(labels?["severity"] ?? "")" : nil
                }.joined()
            }
        }
        #expect(statuses["pager"] == ["firing/critical", "firing/warning", "resolved/warning"], "\(statuses)")
        #expect(statuses["chat"] == ["firing/warning", "resolved/warning"], "\(statuses)")
    }

    @Test func aQueueThatCannotBeWrittenLosesNothingAndDeliveryGoesOn() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let (dispatcher, _, _) = try await Self.firing(
            "hook", .webhook, path: "/ok/disk", listener: listener, folder: folder)
        // The queue's directory and the state file's temporary name are taken by things that cannot be written.
        let queue = folder.path + "/queue"
        try FileManager.default.moveItem(atPath: queue, toPath: queue + ".aside")
        try Data().write(to: URL(fileURLWithPath: queue))
        try FileManager.default.createDirectory(atPath: folder.path + "/alert-state.json.tmp", withIntermediateDirectories: true)
        var tick = await dispatcher.tick(now: Self.now + 2)
        #expect(tick.queued.isEmpty)
        #expect(tick.storageErrors.count == 2, "\(tick.storageErrors)")
        // The disk is back: the group is queued and sent at the next pass.
        try FileManager.default.removeItem(atPath: queue)
        try FileManager.default.moveItem(atPath: queue + ".aside", toPath: queue)
        tick = await dispatcher.tick(now: Self.now + 3)
        #expect(tick.queued == ["hook": 1])
        #expect(tick.deliveries.map(\.outcome) == [.delivered], "delivery goes on while the state cannot be saved")
        #expect(tick.storageErrors.count == 1, "\(tick.storageErrors)")
        try await Self.settle(listener, "/ok/disk", count: 1)
        #expect(Self.bodies(listener, "/ok/disk").first?["status"] as? String == "firing")
    }

    @Test func anAlertmanagerReSendDoesNotStopWhenTheClockGoesBack() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let (dispatcher, _, _) = try await Self.firing(
            "am", .alertmanager, path: "/ok/back", listener: listener, folder: folder)
        _ = await dispatcher.tick(now: Self.now + 2)
        _ = await dispatcher.tick(now: Self.now + 2 - 3_600)
        try await Self.settle(listener, "/ok/back", count: 2)
        #expect(Self.requestCount(listener, "/ok/back") == 2, "re-sent at once, not an hour later")
    }

    @Test func aDamagedStateFileIsSetAsideAndANewerOneIsNotRead() throws {
        let folder = Folder()
        let file = try AlertStateFile(directory: folder.path)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: file.path))
        #expect(throws: AlertStateFile.Unreadable.self) { try file.load() }
        #expect(FileManager.default.fileExists(atPath: file.path + ".bad"))
        #expect(try file.load() == nil, "moved aside: the next start begins with no state")
        try Data(#"{"version": 99, "engine": {"states": []}, "grouper": {"groupWait": [30, 0], "groups": {}}, "lastResent": {}}"#.utf8)
            .write(to: URL(fileURLWithPath: file.path))
        #expect(throws: AlertStateFile.Unreadable.self) { try file.load() }
    }
}

/// One storage directory, one agent.
@Suite struct StorageLockTests {
    @Test func aSecondAgentOnTheSameStoragePathIsRefusedUntilTheFirstLetsGo() throws {
        let folder = AlertDispatcherTests.Folder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        var first: StorageLock? = try StorageLock(directory: folder.path)
        #expect(first != nil)
        // flock locks belong to the open file description: a second open in this process conflicts like
        // another process would.
        #expect(throws: StorageLock.Failure.self) { try StorageLock(directory: folder.path) }
        first = nil
        #expect(throws: Never.self) { _ = try StorageLock(directory: folder.path) }
    }
}
