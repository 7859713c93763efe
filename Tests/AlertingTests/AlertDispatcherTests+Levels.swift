import Config
import Foundation
import TestSupport
import Testing

@testable import Alerting

/// Level changes through the whole pipeline to a real listener.
extension AlertDispatcherTests {
    @Test func aPhaseHoveringAboutItsCriticalThresholdSendsOneMessageNotOnePerProbe() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let folder = Folder()
        let (dispatcher, _) = try Self.dispatcher("hook", .webhook, path: "/ok/hover", listener: listener, folder: folder)
        var target = Self.target("a", policy: AlertPolicy(failureThreshold: 1, successThreshold: 2))
        target.thresholds = ThresholdSettings(
            phases: ["login": DurationLimits(warning: .seconds(2), critical: .seconds(4))])
        // LOGIN takes 5 s (critical), then 3 s (warning) and 5 s by turns, then 3 s twice.
        let hovering = [5] + Array(repeating: [3, 5], count: 5).flatMap { $0 }
        var delivered: [Int] = []
        for (step, seconds) in (hovering + [3, 3]).enumerated() {
            let time = Self.now + Double(step * 60)
            let result = AlertConditionsTests.success(login: .seconds(seconds))
            _ = await dispatcher.observe(result, of: target, now: time)
            let tick = await dispatcher.tick(now: time + 1)
            delivered += tick.deliveries.filter { $0.outcome == .delivered }.map { _ in step }
        }
        #expect(delivered == [0, hovering.count + 1], "the firing, then the step down after two warning probes")
        try await Self.settle(listener, "/ok/hover", count: 2)
        let sent = Self.bodies(listener, "/ok/hover").map { body in
            ((body["alerts"] as? [[String: Any]]) ?? []).map { alert in
                let labels = alert["labels"] as? [String: String]
                return "\(labels?["condition"] ?? "")/\(alert["status"] ?? "")/\(labels?["severity"] ?? "")"
            }
        }
        #expect(sent == [["slow_login/firing/critical"], ["slow_login/firing/warning"]], "\(sent)")
    }
}
