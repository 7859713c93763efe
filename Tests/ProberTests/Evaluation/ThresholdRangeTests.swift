import Prober
import Testing

@Suite("ThresholdRange")
struct ThresholdRangeTests {
    /// (range, value, alerts) for every syntax form, at and around both ends.
    static let cases: [(String, Double, Bool)] = [
        ("10", -0.001, true), ("10", 0, false), ("10", 5, false), ("10", 10, false), ("10", 10.001, true),
        ("10:", 9.99, true), ("10:", 10, false), ("10:", 1e9, false),
        ("~:10", -1e9, false), ("~:10", 10, false), ("~:10", 10.5, true),
        ("10:20", 9, true), ("10:20", 10, false), ("10:20", 20, false), ("10:20", 21, true),
        ("@10:20", 9, false), ("@10:20", 10, true), ("@10:20", 15, true), ("@10:20", 20, true), ("@10:20", 20.1, false),
        ("0.5", 0.5, false), ("0.5", 0.51, true), (".5", 0.6, true),
        ("-5:-1", -5, false), ("-5:-1", -0.5, true), ("-5:-1", -6, true),
        (":10", -1, true), (":10", 0, false),
        ("@~:0", -3, true), ("@~:0", 0.1, false),
        (" 10 ", 11, true),
    ]

    @Test("alerts exactly as Monitoring Plugins ranges do", arguments: cases)
    func alerts(text: String, value: Double, expected: Bool) throws {
        let range = try ThresholdRange(parsing: text)
        #expect(range.alerts(on: value) == expected, "range \(text) on \(value)")
    }

    @Test("keeps the text as given for perfdata")
    func keepsText() throws {
        #expect(try ThresholdRange(parsing: "@1.5:2").text == "@1.5:2")
        #expect(try ThresholdRange(parsing: "~:10").description == "~:10")
    }

    static let canonical: [(Double?, Double?, Bool, String)] = [
        (0, 10, false, "10"), (10, nil, false, "10:"), (nil, 10, false, "~:10"), (10, 20, true, "@10:20"),
        (0.5, 2.25, false, "0.5:2.25"),
    ]

    @Test("builds the canonical text from numbers", arguments: canonical)
    func canonicalText(start: Double?, end: Double?, inside: Bool, text: String) throws {
        let range = ThresholdRange(start: start, end: end, alertsInside: inside)
        #expect(range.text == text)
        #expect(try ThresholdRange(parsing: text) == range)
    }

    static let invalid: [(String, String)] = [
        ("", "the range is empty"),
        ("@", "is not a decimal number"),
        ("abc", "the end 'abc' is not a decimal number"),
        ("1e3", "the end '1e3' is not a decimal number"),
        ("inf", "is not a decimal number"),
        ("nan:", "the start 'nan' is not a decimal number"),
        ("1:2:3", "more than one ':'"),
        ("20:10", "start 20 is greater than end 10"),
        ("10:~", "'~' (negative infinity) is only allowed as the start"),
        ("~", "only allowed as the start"),
        ("1.", "is not a decimal number"),
        ("--1", "is not a decimal number"),
        ("1 0", "is not a decimal number"),
    ]

    @Test("rejects malformed ranges with a clear error", arguments: invalid)
    func rejects(text: String, problem: String) {
        #expect {
            try ThresholdRange(parsing: text)
        } throws: { error in
            let message = String(describing: error)
            return message.contains(problem) && message.contains("invalid range '\(text)'")
        }
    }
}
