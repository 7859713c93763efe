/// A literal announcement whose length overflows a 64-bit number (for example `{18446744073709551617}`).
public struct LiteralLengthOverflow: Error, Hashable, Sendable {
    /// How many decimal digits the announcement had.
    public var digitCount: Int

    /// Creates the error.
    public init(digitCount: Int) {
        self.digitCount = digitCount
    }
}
