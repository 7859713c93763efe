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
}
