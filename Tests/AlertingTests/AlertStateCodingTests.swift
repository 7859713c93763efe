import Foundation
import Testing

@testable import Alerting

/// The saved form of an alert's state: what earlier builds wrote still reads.
@Suite struct AlertStateCodingTests {
    /// `alert-state.json` as the build before `lowerStreak` wrote it: Swift's synthesized enum coding.
    static let savedBeforeLowerStreak = #"""
        {"engine":{"firingSummaries":[{"condition":"slow_login","target":"mail-a"},"login took 5 s"],\#
        "pendingLevels":[{"condition":"quota_high","target":"mail-a"},"warning"],\#
        "states":[{"condition":"slow_login","target":"mail-a"},\#
        {"firing":{"goodStreak":1,"lastNotified":180.5,"level":"critical","since":120}},\#
        {"condition":"quota_high","target":"mail-a"},{"inactive":{"badStreak":2}}],\#
        "targetLabels":{"mail-a":{"site":"fra1"}}},\#
        "grouper":{"groupWait":[1,11553255926290448384],"groups":{}},"lastResent":{},\#
        "sentTo":[{"condition":"slow_login","target":"mail-a"},["hook"]],"version":1}
        """#

    @Test func aStateFileWrittenBeforeTheStepDownCountLoadsWithTheCountAtZero() throws {
        let folder = AlertDispatcherTests.Folder()
        let file = try AlertStateFile(directory: folder.path)
        try Data(Self.savedBeforeLowerStreak.utf8).write(to: URL(fileURLWithPath: file.path))
        let snapshot = try #require(try file.load())
        #expect(snapshot.engine.states == [
            AlertKey(target: "mail-a", condition: "slow_login"):
                .firing(level: .critical, since: 120, lastNotified: 180.5, goodStreak: 1, lowerStreak: 0),
            AlertKey(target: "mail-a", condition: "quota_high"): .inactive(badStreak: 2),
        ])
        #expect(snapshot.sentTo == [AlertKey(target: "mail-a", condition: "slow_login"): ["hook"]])
    }
}
