import Config
import Testing

@Suite struct PrometheusDurationTests {
    static let valid: [(String, Duration)] = [
        ("0", .zero), ("500ms", .milliseconds(500)), ("30s", .seconds(30)), ("1m", .seconds(60)),
        ("1h30m", .seconds(5400)), ("2d", .seconds(172_800)), ("1w", .seconds(604_800)),
        ("1y", .seconds(31_536_000)), ("1m30s250ms", .milliseconds(90_250)), ("0s", .zero), ("90s", .seconds(90)),
    ]

    static let invalid: [(String, String)] = [
        ("", "it is empty"),
        ("60", "the number 60 has no unit"),
        ("1.5s", "unexpected '.'"),
        ("-5s", "expected a number at '-5s'"),
        ("5 s", "unexpected ' '"),
        ("30x", "unknown unit 'x' (units: y, w, d, h, m, s, ms)"),
        ("1s1m", "units must go from largest to smallest, each once"),
        ("1m1m", "units must go from largest to smallest, each once"),
        ("s", "expected a number at 's'"),
        ("99999999999999999999s", "the number 99999999999999999999 is too large"),
        ("999999999999y", "it is too long"),
    ]

    @Test(arguments: valid)
    func parses(text: String, expected: Duration) throws {
        #expect(try PrometheusDuration.parse(text) == expected)
    }

    @Test(arguments: invalid)
    func rejects(text: String, reason: String) {
        #expect(throws: PrometheusDuration.ParseError(reason: reason)) { try PrometheusDuration.parse(text) }
    }

    @Test(arguments: [
        (Duration.zero, "0s"), (.milliseconds(500), "500ms"), (.seconds(5400), "1h30m"),
        (.seconds(86_400), "1d"), (.milliseconds(90_250), "1m30s250ms"), (.seconds(-3), "0s"),
    ])
    func formats(duration: Duration, expected: String) throws {
        #expect(PrometheusDuration.format(duration) == expected)
        if duration >= .zero { #expect(try PrometheusDuration.parse(expected) == duration) }
    }
}
