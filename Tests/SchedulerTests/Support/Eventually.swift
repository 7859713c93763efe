/// Waits, by yielding (and after many yields napping a millisecond), until `condition` holds; false if it never
/// did within `attempts` rounds. It bounds how long a broken scheduler can hang a test; it measures nothing.
func eventually(attempts: Int = 5_000, _ condition: () async -> Bool) async -> Bool {
    for attempt in 0..<attempts {
        if await condition() { return true }
        await Task.yield()
        if attempt % 20 == 19 { try? await Task.sleep(for: .milliseconds(1)) }
    }
    return await condition()
}

/// Lets other tasks run for a while without waiting for anything in particular: for asserting that something
/// did NOT happen (a run that must not start), after the state it would have happened from was reached.
func settle() async {
    for attempt in 0..<200 {
        await Task.yield()
        if attempt % 20 == 19 { try? await Task.sleep(for: .milliseconds(1)) }
    }
}
