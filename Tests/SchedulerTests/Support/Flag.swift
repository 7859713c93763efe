/// A flag one task raises and another checks.
actor Flag {
    private(set) var isRaised = false

    func raise() { isRaised = true }
}
