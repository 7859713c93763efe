import Foundation
import Testing

@testable import Alerting

/// The JSON check of template output: what RFC 8259 allows passes, anything else names its first bad byte.
@Suite struct JSONValidatorTests {
    @Test(arguments: [
        "{}", "[]", " {\"a\" : [1, -0.5e+3, 2E-2, true, false, null, \"x\"]}\n", "\"text\"", "0", "-12.5",
        #"{"e":"\"\\\/\b\f\n\r\t\u00e9\uD83D\uDD12"}"#, "[[[[[]]]]]", "{\"a\":{\"b\":{}}}", "\t[ 1 , 2 ]\r\n",
        "\"é🔒\"",
    ])
    func validJSONPasses(text: String) throws {
        #expect(JSONValidator.problem(in: Array(text.utf8)) == nil)
        // The same verdict as Foundation's parser.
        _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
    }

    @Test(arguments: [
        ("", 0, "expected a value, found the end"),
        ("{\"a\": 1,}", 8, "expected a string as the member name, found '}'"),
        ("[1, 2", 5, "expected ',' or ']', found the end"),
        ("{\"a\" 1}", 5, "expected ':' after the member name, found '1'"),
        ("{} {}", 3, "expected the end after the value, found '{'"),
        ("\"a\nb\"", 2, "a control character must be escaped in a string, found byte 0xa"),
        ("\"\\x\"", 2, "expected an escape, found 'x'"),
        ("\"\\u12g4\"", 5, "expected 4 hex digits, found 'g'"),
        ("\"\\uD800x\"", 7, "expected a low surrogate escape after a high one, found 'x'"),
        ("\"\\uDC00\"", 7, "a low surrogate escape without a high one before it, found '\"'"),
        ("\"\\uD800\\u0041\"", 9, "expected a low surrogate escape after a high one, found '0'"),
        ("01", 1, "expected the end after the value, found '1'"),
        ("1.", 2, "expected a digit, found the end"),
        ("-", 1, "expected a digit, found the end"),
        ("1e+", 3, "expected a digit, found the end"),
        ("tru", 3, "expected 'true', found the end"),
        ("nul1", 3, "expected 'null', found '1'"),
        ("'a'", 0, "expected a value, found '''"),
        ("\"open", 5, "expected the string's closing '\"', found the end"),
    ])
    func invalidJSONNamesItsFirstBadByte(text: String, offset: Int, reason: String) {
        #expect(JSONValidator.problem(in: Array(text.utf8)) == .init(offset: offset, reason: reason))
    }

    @Test func deepNestingIsCheckedWithoutRecursion() {
        let depth = 200_000
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(JSONValidator.problem(in: Array(deep.utf8)) == nil)
        let unclosed = String(repeating: "{\"a\":[", count: depth)
        #expect(JSONValidator.problem(in: Array(unclosed.utf8))?.offset == unclosed.utf8.count)
    }
}
