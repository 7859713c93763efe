/// Issues command tags `A001`, `A002`, … (more digits after `A999`).
public struct TagGenerator: Hashable, Sendable {
    private var counter: Int
    private let prefix: String

    /// Creates a generator whose first tag is `<prefix>001`.
    public init(prefix: String = "A") {
        self.prefix = prefix
        self.counter = 0
    }

    /// Returns the next tag.
    public mutating func next() -> String {
        counter += 1
        let digits = String(counter)
        return prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
