import Testing

@testable import Scheduler

@Suite("Grid and slot queue")
struct GridTests {
    typealias Instant = TestClock.Instant
    let grid = Grid(origin: Instant.at(.seconds(3)), interval: .seconds(10))

    @Test("the first slot at or after an instant", arguments: [
        (0, 3), (3, 3), (4, 13), (13, 13), (13.5, 23), (1_003, 1_003), (1_004, 1_013),
    ] as [(Double, Double)])
    func firstSlot(at: Double, expected: Double) {
        #expect(grid.firstSlot(atOrAfter: .at(.seconds(at))) == .at(.seconds(expected)))
    }

    @Test("the next slot follows the grid, skipping the slots that already passed", arguments: [
        (3, 3, 13, 0),  // on time
        (3, 12.9, 13, 0),  // late but before the next slot
        (3, 13, 23, 1),  // exactly on the next slot: it is skipped, not run at once behind this one
        (3, 35, 43, 3),  // 13, 23 and 33 passed
    ] as [(Double, Double, Double, Int)])
    func nextSlot(slot: Double, firedAt: Double, next: Double, missed: Int) {
        let result = grid.slot(after: .at(.seconds(slot)), firedAt: .at(.seconds(firedAt)))
        #expect(result.next == .at(.seconds(next)))
        #expect(result.missed == missed)
    }

    @Test("the slot queue gives slots earliest first, equal ones first in first out")
    func queueOrder() {
        var queue = SlotQueue<Instant>()
        var generator = SystemRandomNumberGenerator()
        var expected: [(Int, Int)] = []
        for sequence in 0..<500 {
            let due = Int.random(in: 0..<50, using: &generator)
            queue.insert(due: .at(.seconds(due)), id: "\(sequence)", generation: sequence)
            expected.append((due, sequence))
        }
        expected.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var drained: [(Int, Int)] = []
        while let entry = queue.removeFirst() {
            drained.append((Int(entry.due.offset.components.seconds), entry.generation))
        }
        #expect(drained.map(\.0) == expected.map(\.0))
        #expect(drained.map(\.1) == expected.map(\.1))
    }
}
