import Testing

@testable import Config

/// The libyaml composer: the tree, aliases, the limits, duplicate keys and libyaml's errors with their positions.
@Suite struct YAMLComposerTests {
    /// Nine levels of ten aliases each: a billion strings when expanded.
    static let billionLaughs = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]\n"
        + (1..<9).map { level -> String in
            let name = String(UnicodeScalar(UInt8(97 + level)))
            let previous = String(UnicodeScalar(UInt8(96 + level)))
            return "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
        }.joined()

    @Test func billionLaughsStopsAtTheNodeLimit() {
        let start = ContinuousClock.now
        #expect(throws: YAMLError.tooManyNodes(limit: 1_000_000, mark: YAMLMark(line: 6, column: 29))) {
            // Before line 6: 123,451 nodes; `f: &f [` makes two more and each `*e` 111,111: the 8th crosses.
            _ = try YAMLComposer().compose(Self.billionLaughs)
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func billionLaughsInAConfigurationIsAPositionedError() {
        #expect {
            _ = try ConfigLoader(environment: [:]).load(yaml: Self.billionLaughs, file: "c.yml", baseDirectory: "/")
        } throws: { error in
            "\(error)" == "c.yml:6:29: invalid YAML: more than 1000000 nodes (an alias counts every node it stands for)"
        }
    }

    /// libyaml as Yams built it refuses a collection where the scanner's indentation levels plus its flow level
    /// reach 1,000 (the scanner reads ahead up to 1,024 characters for a possible key, hence 1:1 for one long line).
    /// Marks checked against that libyaml.
    @Test(arguments: [
        (String(repeating: "[", count: 1_500) + String(repeating: "]", count: 1_500), YAMLMark(line: 1, column: 1)),
        (Array(repeating: "[", count: 1_200).joined(separator: "\n") + String(repeating: "]", count: 1_200),
         YAMLMark(line: 999, column: 1)),
        ((0..<1_100).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined() + String(repeating: "  ", count: 1_100) + "v\n",
         YAMLMark(line: 1_000, column: 1_999)),
    ])
    func libyamlsNestingLimit(yaml: String, mark: YAMLMark) {
        let problem = "Maximum nesting level reached, set with yaml_set_max_nest_level())"
        #expect(throws: YAMLError.syntax(problem: problem, mark: mark, context: .init(text: "while parsing", mark: mark))) {
            _ = try YAMLComposer().compose(yaml)
        }
    }

    @Test func nestingIsBounded() {
        let nested = String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        #expect(throws: Never.self) { _ = try YAMLComposer().compose(nested) }
        let limits = YAMLComposer.Limits(maxNodes: 10, maxDepth: 3)
        #expect(throws: Never.self) { _ = try YAMLComposer(limits: limits).compose("[[[a]]]") }
        #expect(throws: YAMLError.tooDeep(limit: 3, mark: YAMLMark(line: 1, column: 4))) {
            _ = try YAMLComposer(limits: limits).compose("[[[[a]]]]")
        }
        #expect(throws: YAMLError.tooManyNodes(limit: 10, mark: YAMLMark(line: 1, column: 29))) {
            _ = try YAMLComposer(limits: limits).compose("[a, b, c, d, e, f, g, h, i, j]")
        }
    }

    @Test func anAliasIsTheAnchoredNode() throws {
        let root = try #require(try YAMLComposer().compose("base: &b {x: 1, y: [2]}\nuse: *b\n"))
        guard case .mapping(let mapping) = root else { Issue.record("not a mapping"); return }
        #expect(mapping.count == 2)
        #expect(Shape(mapping[1].value) == Shape(mapping[0].value))
        #expect(Shape(mapping[1].value) == .mapping([.scalar("x"), .scalar("1"), .scalar("y"), .sequence([.scalar("2")])]))
        // Its position is the anchored node's, as Yams gave it.
        #expect(mapping[1].value.mark == mapping[0].value.mark)
        #expect(mapping[0].value.mark == YAMLMark(line: 1, column: 7))
    }

    @Test func anUndefinedAliasIsLibyamlsComposerError() {
        #expect(throws: YAMLError.syntax(problem: "found undefined alias", mark: YAMLMark(line: 2, column: 4), context: nil)) {
            _ = try YAMLComposer().compose("a: 1\nb: *nowhere\n")
        }
        // An anchor is known once its node is complete: not inside itself.
        #expect(throws: YAMLError.syntax(problem: "found undefined alias", mark: YAMLMark(line: 1, column: 8), context: nil)) {
            _ = try YAMLComposer().compose("a: &x [*x]\n")
        }
    }

    @Test(arguments: [
        ("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", "c", YAMLMark(line: 3, column: 3)),
        ("\"a\": 1\na: 2\n", "a", YAMLMark(line: 1, column: 1)),  // quoted or plain, both strings
        ("b: 1\na: 1\nb: 2\na: 2\n", "a", YAMLMark(line: 2, column: 1)),  // the text that sorts first
        ("!!int 1: a\n1: b\n", "1", YAMLMark(line: 1, column: 1)),
        ("&k key: 1\n*k : 2\n", "key", YAMLMark(line: 1, column: 1)),  // an alias of the key
        ("? [a, b]\n: 1\n? [a, b]\n: 2\n", "<a collection>", YAMLMark(line: 1, column: 3)),
    ])
    func duplicateKey(yaml: String, key: String, mark: YAMLMark) {
        #expect(throws: YAMLError.duplicateKey(key: key, mark: mark)) { _ = try YAMLComposer().compose(yaml) }
    }

    @Test(arguments: ["1: a\n\"1\": b\n", "true: a\n'true': b\n", "~: a\n'~': b\n", "!!str 1: a\n1: b\n", "null: a\n~: b\n"])
    func keysOfDifferentTypesAreDifferentKeys(yaml: String) throws {
        guard case .mapping(let mapping) = try YAMLComposer().compose(yaml) else { Issue.record("not a mapping"); return }
        #expect(mapping.count == 2)
    }

    @Test func aNulIsACharacterLibyamlRefuses() {
        // Read with its length, the text does not end at the NUL: libyaml refuses the character there.
        #expect(throws: YAMLError.reader(problem: "control characters are not allowed", byteOffset: 5)) {
            _ = try YAMLComposer().compose("a: bc\0d\n")
        }
        #expect {
            _ = try ConfigLoader(environment: [:]).load(yaml: "a: é\0\n", file: "c.yml", baseDirectory: "/")
        } throws: { error in
            "\(error)" == "c.yml:1:5: invalid YAML: control characters are not allowed"
        }
    }

    @Test func aSecondDocumentIsRefused() {
        let context = YAMLError.Context(text: "expected a single document in the stream", mark: YAMLMark(line: 1, column: 1))
        #expect(throws: YAMLError.syntax(problem: "but found another document", mark: YAMLMark(line: 2, column: 1), context: context)) {
            _ = try YAMLComposer().compose("a: 1\n---\nb: 2\n")
        }
    }

    @Test func scannerErrorsKeepLibyamlsWordsAndMarks() {
        let context = YAMLError.Context(text: "while scanning a quoted scalar", mark: YAMLMark(line: 1, column: 4))
        #expect(throws: YAMLError.syntax(problem: "found unexpected end of stream", mark: YAMLMark(line: 2, column: 1), context: context)) {
            _ = try YAMLComposer().compose("a: \"open\n")
        }
    }

    @Test func emptyTextHasNoDocument() throws {
        #expect(try YAMLComposer().compose("") == nil)
        #expect(try YAMLComposer().compose("# only a comment\n") == nil)
    }

    @Test func scalarsKeepTheirStyleAndTag() throws {
        guard case .sequence(let items) = try YAMLComposer().compose("- plain\n- 'single'\n- \"double\"\n- |\n  lit\n- !!str 5\n")
        else { Issue.record("not a sequence"); return }
        let scalars = items.compactMap { if case .scalar(let scalar) = $0 { scalar } else { nil } }
        #expect(scalars.map(\.style) == [.plain, .singleQuoted, .doubleQuoted, .literal, .plain])
        #expect(scalars.map(\.string) == ["plain", "single", "double", "lit\n", "5"])
        #expect(scalars.map(\.tag) == [nil, nil, nil, nil, "tag:yaml.org,2002:str"])
    }

    @Test(arguments: [
        ("1", "int"), ("-0x1F", "int"), ("0o17", "int"), ("0b101", "int"), ("1_000", "int"), ("1:30", "int"),
        ("1.5", "float"), ("-.inf", "float"), (".NaN", "float"), ("1e5", "float"), (".5", "float"), ("1:30.5", "float"),
        ("true", "bool"), ("No", "bool"), ("OFF", "bool"), ("~", "null"), ("", "null"), ("Null", "null"),
        ("2024-01-01", "timestamp"), ("2001-12-14t21:59:43.10-05:00", "timestamp"), ("2001-12-14 21:59:43 Z", "timestamp"),
        ("<<", "merge"), ("=", "value"),
        ("y", "str"), ("abc", "str"), ("1a", "str"), ("1:60", "str"), ("0x", "str"), ("é", "str"), ("2024-1-1", "str"),
    ])
    func plainScalarTypes(text: String, type: String) {
        #expect(YAMLImplicitTag.resolve(text) == "tag:yaml.org,2002:" + type)
    }
}

/// A node's content without styles, tags or positions, to compare trees.
indirect enum Shape: Equatable, CustomStringConvertible {
    case scalar(String)
    case sequence([Shape])
    /// Keys and values alternately.
    case mapping([Shape])

    init(_ node: YAMLNode) {
        switch node {
        case .scalar(let scalar): self = .scalar(scalar.string)
        case .sequence(let sequence): self = .sequence(sequence.map(Shape.init))
        case .mapping(let mapping): self = .mapping(mapping.flatMap { [Shape($0.key), Shape($0.value)] })
        }
    }

    var description: String {
        switch self {
        case .scalar(let text): text.debugDescription
        case .sequence(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let items): "{" + items.map(\.description).joined(separator: ", ") + "}"
        }
    }
}
