/// The pending slots of all jobs, earliest first: a binary min-heap, so 10,000 jobs cost O(log n) per slot.
///
/// Entries are never removed when a job is replaced or removed; the scheduler recognises stale ones by their
/// `generation` when they come out.
struct SlotQueue<Instant: InstantProtocol>: Sendable {
    /// One pending slot.
    struct Entry: Sendable {
        /// When the slot is due.
        var due: Instant
        /// The job's id.
        var id: String
        /// The generation of the job value this slot was computed for.
        var generation: Int
        /// Insertion order, so slots due at the same instant come out first in, first out.
        var sequence: Int

        func precedes(_ other: Entry) -> Bool {
            due < other.due || (due == other.due && sequence < other.sequence)
        }
    }

    private var heap: [Entry] = []
    private var nextSequence = 0

    /// How many entries (stale ones included) are queued.
    var count: Int { heap.count }

    /// The earliest entry, without removing it.
    var first: Entry? { heap.first }

    /// Queues a slot of `id` due at `due`.
    mutating func insert(due: Instant, id: String, generation: Int) {
        heap.append(Entry(due: due, id: id, generation: generation, sequence: nextSequence))
        nextSequence += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry.
    mutating func removeFirst() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}
