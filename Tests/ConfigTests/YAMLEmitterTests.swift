import Testing

@testable import Config

/// The libyaml emitter, set up as the effective configuration is rendered: exact text, and text that composes back
/// to the same tree.
@Suite struct YAMLEmitterTests {
    static func key(_ text: String) -> YAMLNode { YAMLNode(text) }

    @Test func blockAndFlowCollections() throws {
        let node = YAMLNode([
            (Self.key("name"), YAMLNode("imap")),
            (Self.key("port"), YAMLNode("993", style: .plain)),
            (Self.key("quoted"), YAMLNode("993", style: .doubleQuoted)),
            (Self.key("severity"), YAMLNode([YAMLNode("warning"), YAMLNode("critical")], style: .flow)),
            (Self.key("header"), YAMLNode([(Self.key("env"), YAMLNode("TOKEN"))], style: .flow)),
            (Self.key("hosts"), YAMLNode([YAMLNode("a.example"), YAMLNode("b.example")])),
            (Self.key("nested"), YAMLNode([(Self.key("x"), YAMLNode([(Self.key("y"), YAMLNode("z"))]))])),
            (Self.key("empty"), YAMLNode([YAMLNode]())),
        ])
        let expected = """
            name: imap
            port: 993
            quoted: "993"
            severity: [warning, critical]
            header: {env: TOKEN}
            hosts:
            - a.example
            - b.example
            nested:
              x:
                y: z
            empty: []

            """
        #expect(try YAMLEmitter().serialize(node) == expected)
    }

    @Test func nonASCIIIsEscapedAndLinesAreNeverFolded() throws {
        let long = String(repeating: "word ", count: 40) + "end"
        let node = YAMLNode([(Self.key("label"), YAMLNode("caf\u{E9} \u{1F512}")), (Self.key("long"), YAMLNode(long))])
        #expect(try YAMLEmitter().serialize(node) == "label: \"caf\\xE9 \\U0001F512\"\nlong: \(long)\n")
    }

    static let awkwardStrings = [
        "", " leading", "trailing ", "a: b", "- item", "#hash", "x #y", "'single'", "\"double\"", "yes", "null", "~",
        "1.5", "0x10", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick", "{flow}", "[seq]", "a,b", "?", ":",
        "line1\nline2", "trailing newline\n", "\n\nblank lines\n\n", "tab\there", "cr\rhere", "caf\u{E9}", "\u{65E5}\u{672C}",
        "\u{1F512} lock", "e\u{301}", "nul\0byte", "bell\u{7}", "nel\u{85}ls\u{2028}ps\u{2029}", "bom\u{FEFF}", "\\backslash",
    ]

    @Test(arguments: [YAMLNode.Scalar.Style.any, .doubleQuoted, .plain])
    func roundTrip(style: YAMLNode.Scalar.Style) throws {
        let node = YAMLNode([
            (Self.key("strings"), YAMLNode(Self.awkwardStrings.map { YAMLNode($0, style: style) })),
            (Self.key("keys"), YAMLNode(Self.awkwardStrings.map { (YAMLNode($0, style: style), YAMLNode("v")) })),
            (Self.key("flow"), YAMLNode(Self.awkwardStrings.map { YAMLNode($0, style: style) }, style: .flow)),
        ])
        let text = try YAMLEmitter().serialize(node)
        let composed = try #require(try YAMLComposer().compose(text))
        #expect(Shape(composed) == Shape(node), "\(text)")
    }

    @Test func theEffectiveConfigurationComposesBack() throws {
        let yaml = """
            targets:
              - name: "caf\u{E9}: 1"
                host: imap.example
                username: "yes"
                password_env: IMAP_PASSWORD
                labels: {team: "a\\nb", spaced: ' x '}

            """
        let loaded = try ConfigLoader(environment: ["IMAP_PASSWORD": "p"]).load(yaml: yaml, file: "c.yml", baseDirectory: "/")
        let rendered = loaded.redactedDescription
        let again = try ConfigLoader(environment: ["IMAP_PASSWORD": "p"]).load(yaml: rendered, file: "r.yml", baseDirectory: "/")
        #expect(again.redactedDescription == rendered)
        #expect(again.targets.map(\.name) == ["caf\u{E9}: 1"])
    }
}
