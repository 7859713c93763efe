import Prober
import TestSupport
import Testing

/// README's phase table ("What a probe does") names exactly the prober's phases, in the order a probe runs them.
@Suite struct PhaseReferenceTests {
    @Test func readmeListsEveryPhaseInOrder() throws {
        let rows = ReadmeTables.table(at: "| phase |", in: try ReadmeTables().section("What a probe does"))
        let documented = rows.compactMap { ReadmeTables.code($0.first ?? "") }
        #expect(documented == Phase.probe.map(\.rawValue))
    }

    /// The mail-flow section's table: the probe's phases up to login, then the loop's own; and every submission
    /// phase named in its text.
    @Test func readmeListsTheLoopsPhases() throws {
        let section = try ReadmeTables().section("Mail flow: submit, find, time, delete")
        let rows = ReadmeTables.table(at: "| phase |", in: section)
        let documented = rows.compactMap { ReadmeTables.code($0.first ?? "") }
        let loginAt = try #require(Phase.mailbox.firstIndex(of: .login))
        #expect(documented == [Phase.mailbox[0].rawValue] + Phase.mailbox[(loginAt + 1)...].map(\.rawValue))
        for phase in SubmissionPhase.allCases {
            #expect(section.joined(separator: "\n").contains("`\(phase.rawValue)`"), "\(phase.rawValue)")
        }
    }
}
