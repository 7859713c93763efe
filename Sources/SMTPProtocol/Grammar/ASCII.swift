/// The value of an ASCII decimal digit.
enum ASCIIDigit {
    /// 0 to 9 for "0" to "9", nil for any other byte.
    static func value(of byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
