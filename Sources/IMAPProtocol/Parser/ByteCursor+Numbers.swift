extension ByteCursor {
    // number    = 1*DIGIT            ; unsigned 32-bit
    // number64  = 1*DIGIT            ; unsigned 63-bit
    // nz-number = digit-nz *DIGIT
    /// Reads a decimal number into `T`, throwing `numberOverflow` rather than wrapping or trapping.
    mutating func number<T: FixedWidthInteger>(_: T.Type = T.self) throws(ParseError) -> T {
        let start = index
        let digits = try take("number", while: ASCII.isDigit)
        var value: T = 0
        for digit in digits {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(T(digit - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { throw ParseError(.numberOverflow, offset: start) }
            value = sum
        }
        return value
    }

    /// Reads an nz-number into `T`.
    mutating func nonZeroNumber<T: FixedWidthInteger>(_: T.Type = T.self) throws(ParseError) -> T {
        let start = index
        let value: T = try number()
        guard value != 0 else { throw ParseError(.zeroNotAllowed, offset: start) }
        return value
    }
}
