import Alerting
import Foundation
import FuzzDriver

// The check every JSON body of the `template` receiver passes before it is sent (`JSONValidator`), the
// escaping that keeps a mail server's words inside one JSON string (`JSONStringEscaping`), and the template engine
// itself (`TemplateBody`: a user's template file is input too).
//
// Properties beyond "no trap":
// - the validator agrees with Foundation's JSON parser on UTF-8 input, within the limits only Foundation has
//   (see `foundationReadsDifferently`, `foundationChoseDifferently`); a problem's offset is inside the input;
// - any text, escaped and put between quotes, is one JSON string for both, and Foundation reads the text back;
// - the input as a template either compiles or is refused with a syntax error on one of its lines; a compiled one
//   renders over a group of alerts to a body the validator accepts, or is refused as invalid JSON or too large.

/// Whether Foundation reads `bytes` under rules of its own before parsing, where the validator (given UTF-8 from a
/// Swift string) rightly differs: a NUL among the first four bytes, or a UTF-8 byte order mark. Foundation guesses
/// UTF-16 or UTF-32 from the NULs (RFC 4627's detection), or drops the mark (RFC 8259 lets a parser ignore it; a
/// sender must not add it). And nesting deeper than Foundation's 512 levels (RFC 8259 lets a parser limit it).
func foundationReadsDifferently(_ bytes: [UInt8]) -> Bool {
    if bytes.prefix(4).contains(0) || bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
    return bytes.lazy.filter { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }.count > 500
}

/// Whether a disagreement on `bytes` is one of Foundation's own choices: it accepts a comma before `]` or `}`
/// (RFC 8259 does not), where the validator's `problem` is; it refuses a number beyond Double's range (`1e400`;
/// RFC 8259 lets a parser limit the range), so it parses the text once the numbers are `0`.
func foundationChoseDifferently(_ bytes: [UInt8], problem: JSONValidator.Problem?) -> Bool {
    guard let problem else { return foundationParses(zeroingNumbers(bytes)) != nil }
    let closing = problem.offset < bytes.count && Array("]}".utf8).contains(bytes[problem.offset])
    let before = bytes[..<min(problem.offset, bytes.count)].last { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    return closing && before == UInt8(ascii: ",")
}

/// `bytes` with every number outside strings written as `0`.
func zeroingNumbers(_ bytes: [UInt8]) -> [UInt8] {
    let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
    var output: [UInt8] = []
    var inString = false
    var escaped = false
    var inNumber = false
    for byte in bytes {
        if inString {
            output.append(byte)
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            continue
        }
        if inNumber, digits.contains(byte) || Array("+-.eE".utf8).contains(byte) { continue }
        inNumber = digits.contains(byte) || byte == UInt8(ascii: "-")
        inString = byte == UInt8(ascii: "\"")
        output.append(inNumber ? UInt8(ascii: "0") : byte)
    }
    return output
}

/// `text` as Foundation reads it back from its escaped form: Foundation decodes each run of unescaped bytes inside a
/// string as a document of its own, so it drops one byte order mark at the start of every run, after the opening
/// quote and after every escape (`"\n\u{FEFF}b"` reads back as `"\nb"`). A receiver's parser sees the mark; the
/// escaping keeps it.
func foundationReading(ofEscaped text: String) -> String {
    var output = String.UnicodeScalarView()
    var runStart = true
    for scalar in text.unicodeScalars {
        let escaped = JSONStringEscaping.escape(String(scalar)) != String(scalar)
        if !(runStart && scalar == "\u{FEFF}") { output.append(scalar) }
        runStart = escaped
    }
    return String(output)
}

func foundationParses(_ bytes: [UInt8]) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
}

/// Two alerts with hostile words, one firing and one resolved, with labels: what a template renders over.
let alerts = [
    AlertNotification(
        status: .firing, level: .critical, target: "mail-\"a\"", condition: "probe_failing",
        summary: "login failed: \"NO\" \\ \n\u{0}\u{2028}", since: 1_795_795_428, labels: ["team": "mail", "a\"b": "c\nd"]),
    AlertNotification(
        status: .resolved, level: .warning, target: "mail-b", condition: "cert_expiring", summary: "{{summary}}",
        since: 1_795_795_428, resolvedAt: 1_795_796_028),
]

/// The properties of `text` read as a template.
func checkTemplate(_ text: String) {
    let template: TemplateBody
    do {
        template = try TemplateBody(template: text)
    } catch let error as TemplateError {
        FuzzDriver.require(error.code == .syntax || error.code == .contentTypePragma, "init threw \(error.code)")
        if error.code == .syntax, let line = syntaxLine(error.message) {
            let lines = text.unicodeScalars.filter { $0 == "\n" }.count + 1
            FuzzDriver.require((1...lines).contains(line), "syntax error on line \(line) of \(lines)")
        }
        return
    } catch {
        FuzzDriver.require(false, "init threw \(error)")
        return
    }
    do {
        let body = try template.body(for: alerts)
        FuzzDriver.require(JSONValidator.problem(in: body) == nil, "a body that is not JSON was returned")
    } catch let error as TemplateError {
        FuzzDriver.require(error.code == .invalidJSON || error.code == .tooLarge, "body threw \(error.code)")
    } catch {
        FuzzDriver.require(false, "body threw \(error)")
    }
}

/// The line number in `template syntax error on line N, column M: ...`.
func syntaxLine(_ message: String) -> Int? {
    guard let rest = message.split(separator: "on line ", maxSplits: 1).last else { return nil }
    return Int(rest.prefix { $0.isNumber })
}

FuzzDriver.main { bytes in
    checkTemplate(String(decoding: bytes, as: UTF8.self))
    let problem = JSONValidator.problem(in: bytes)
    if let problem {
        FuzzDriver.require((0...bytes.count).contains(problem.offset), "offset \(problem.offset) of \(bytes.count)")
    }
    if String(validating: bytes, as: UTF8.self) != nil, !foundationReadsDifferently(bytes) {
        let foundation = foundationParses(bytes) != nil
        FuzzDriver.require(
            foundation == (problem == nil) || foundationChoseDifferently(bytes, problem: problem),
            "Foundation \(foundation ? "parses" : "refuses"), the validator says \(String(describing: problem))")
    }

    let text = String(decoding: bytes, as: UTF8.self)
    let quoted = Array("\"\(JSONStringEscaping.escape(text))\"".utf8)
    FuzzDriver.require(JSONValidator.problem(in: quoted) == nil, "escaped text is not a JSON string")
    let expected = foundationReading(ofEscaped: text)
    FuzzDriver.require(foundationParses(quoted) as? String == expected, "escaped text does not read back as itself")
}
