/// What the end of a line says about a literal that follows it (`{n}`, `{n+}`, `~{n}`).
enum LiteralAnnouncement: Hashable, Sendable {
    /// The line does not end in a literal announcement.
    case none
    /// The line announces a literal of this many bytes.
    case length(UInt64)
    /// The announced length does not fit in 64 bits.
    case overflow(digitCount: Int)

    // literal  = "{" number64 ["+"] "}" CRLF *CHAR8
    // literal8 = "~{" number64 "}" CRLF *OCTET
    /// Reads the announcement at the end of `line`, which excludes the CRLF. Looks back only over the digits.
    init(lineContent line: ArraySlice<UInt8>) {
        var index = line.endIndex
        guard index > line.startIndex, line[index - 1] == UInt8(ascii: "}") else { self = .none; return }
        index -= 1
        if index > line.startIndex, line[index - 1] == UInt8(ascii: "+") { index -= 1 }
        let digitsEnd = index
        while index > line.startIndex, line[index - 1] >= UInt8(ascii: "0"), line[index - 1] <= UInt8(ascii: "9") {
            index -= 1
        }
        guard index < digitsEnd, index > line.startIndex, line[index - 1] == UInt8(ascii: "{") else {
            self = .none
            return
        }
        var value: UInt64 = 0
        for digit in line[index..<digitsEnd] {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { self = .overflow(digitCount: digitsEnd - index); return }
            value = sum
        }
        self = .length(value)
    }
}
