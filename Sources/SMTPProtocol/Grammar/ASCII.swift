/// The byte classes SMTP's grammar is written in.
enum ASCII {
    /// 0 to 9 for "0" to "9", nil for any other byte.
    static func digitValue(of byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// ALPHA / DIGIT.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isUpperOrDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// An upper-case letter or a digit.
    static func isUpperOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || digitValue(of: byte) != nil
    }
}
