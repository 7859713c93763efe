import Testing

@testable import Commands

/// Rendering of single perfdata values, including numbers a hostile server can send.
@Suite("Perfdatum")
struct PerfdatumTests {
    @Test(
        "values render as plain decimals, huge ones as whole numbers saturating at UInt64.max",
        arguments: [
            (0.000_4, "0.0004"),
            (62, "62"),
            (-3, "-3"),
            (1.5e13, "15000000000000"),
            (Double(UInt64.max), "18446744073709551615"),
            (1e300, "18446744073709551615"),
            (-1e300, "-18446744073709551615"),
        ])
    func number(value: Double, expected: String) {
        #expect(Perfdatum.number(value) == expected)
    }

    @Test("a quota of UInt64.max renders and matches the perfdata grammar")
    func hugeQuota() {
        let datum = Perfdatum(
            label: "quota_x_storage_used", value: Double(UInt64.max), unit: "B", minimum: 0,
            maximum: Double(UInt64.max))
        #expect(datum.description == "'quota_x_storage_used'=18446744073709551615B;;;0;18446744073709551615")
    }
}
