import Config
import Testing

/// A character libyaml's reader refuses (a control character) is reported where an editor shows it: libyaml gives
/// an offset, turned into a line and a column in Unicode scalars, with every YAML line break ending a line,
/// as the positions of all other messages are. Found by scripts/fuzz.sh (config-file and web-config): a CR line
/// break and non-ASCII text before the character gave a position past the end of its line.
@Suite struct ReaderErrorPositionTests {
    static let cases: [(yaml: String, line: Int, column: Int)] = [
        ("a: 1\nb: \u{1}\n", 2, 4),
        ("a: 1\rb: \u{1}\n", 2, 4),  // a CR alone ends a line
        ("a: 1\r\nb: \u{1}\n", 2, 4),  // CRLF is one line break
        ("a: 1\u{85}b: \u{1}\n", 2, 4),  // NEL, LS and PS end lines too
        ("a: 1\u{2028}\u{2029}b: \u{1}\n", 3, 4),
        ("a: \"é🔒\" \u{1}\n", 1, 9),  // one column each, whatever their length in UTF-8
        ("a: e\u{301} \u{1}\n", 1, 7),  // a combining mark is a column of its own, as libyaml counts
        ("\u{FEFF}a: \u{1}\n", 1, 4),  // a byte order mark is not a column
        ("basic_auth_users:\n  ali\r\0\0\0$3y$10$\n", 3, 1),  // the web-config fuzz input, cut short
    ]

    @Test(arguments: cases)
    func configurationFile(yaml: String, line: Int, column: Int) {
        do {
            _ = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "c.yml", baseDirectory: "/")
            Issue.record("\(yaml.debugDescription) loaded")
        } catch {
            #expect(error.description == "c.yml:\(line):\(column): invalid YAML: control characters are not allowed")
        }
    }

    @Test(arguments: cases)
    func webConfigurationFile(yaml: String, line: Int, column: Int) {
        do {
            _ = try WebConfigLoader().load(yaml: yaml, file: "web.yml")
            Issue.record("\(yaml.debugDescription) loaded")
        } catch {
            #expect(error.description == "web.yml:\(line):\(column): invalid YAML: control characters are not allowed")
        }
    }
}
