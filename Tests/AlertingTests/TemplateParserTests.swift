import Testing

@testable import Alerting

/// The Mustache of receiver templates, over plain values: tags, standalone lines, look-up, transforms, errors.
@Suite struct TemplateParserTests {
    static let root = TemplateValue.map([
        "name": .text("Mail <A>"),
        "count": .number(2),
        "yes": .bool(true),
        "no": .bool(false),
        "empty": .list([]),
        "team": .map(["name": .text("ops"), "lead": .map(["name": .text("kim")])]),
        "items": .list([
            .map(["name": .text("one"), "level": .text("warning")]),
            .map(["name": .text("two")]),
            .map(["name": .text("three"), "level": .text("critical")]),
        ]),
        "words": .list([.text("a"), .text("b")]),
    ])

    func render(_ template: String, escaping: TemplateRenderer.Escaping = .none) throws -> String {
        try TemplateRenderer(escaping: escaping).render(try TemplateParser.parse(template), over: Self.root).get()
    }

    @Test(arguments: [
        ("{{name}}|{{{name}}}|{{& name }}|{{ count }}|{{yes}}|{{no}}|{{missing}}|{{items}}", "Mail <A>|Mail <A>|Mail <A>|2|true|false||"),
        ("{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{^no}}!n{{/no}}{{^empty}}e{{/empty}}{{#missing}}m{{/missing}}{{^missing}}!m{{/missing}}", "y!ne!m"),
        ("{{#items}}{{name}}{{^last()}},{{/last()}}{{/items}}", "one,two,three"),
        ("{{#items}}{{index()}}{{#first()}}^{{/first()}}{{#odd()}}o{{/odd()}}{{plusone(index())}} {{/items}}", "0^1 1o2 23 "),
        ("{{#words}}<{{.}}>{{/words}}", "<a><b>"),
        ("{{#team}}{{name}}/{{lead.name}}/{{count}}{{/team}}", "ops/kim/2"),
        ("{{team.lead.name}}|{{team.lead.count}}|{{team.missing.name}}", "kim||"),
        ("{{#items}}{{level}}:{{name}};{{/items}}", "warning:one;:two;critical:three;"),
        ("{{count(items)}} {{count(empty)}} {{#empty(empty)}}none{{/empty(empty)}} {{uppercased(name)}} {{lowercased(team.name)}}", "3 0 none MAIL <A> ops"),
        ("{{#first(items)}}{{name}}{{/first(items)}} {{#last(items)}}{{name}}{{/last(items)}} {{#reversed(words)}}{{.}}{{/reversed(words)}}", "one three ba"),
        ("{{capitalized(team.name)}} {{minusone(count)}} {{#equalzero(count)}}0{{/equalzero(count)}}{{^even(count)}}odd{{/even(count)}}", "Ops 1 "),
        ("{{! a comment }}a{{!\nmore\n}}b", "ab"),
        ("{{=<% %>=}}<% name %>{{name}}<%={{ }}=%>{{count}}", "Mail <A>{{name}}2"),
        ("a{{> footer}}b{{$block}}c{{/block}}{{<parent}}{{$block}}d{{/block}}{{/parent}}e", "abce"),
        ("{{#yes}}{{#items}}{{name}}{{/items}}{{/yes}}", "onetwothree"),
        // A true section's value is `true` itself, as the specification reads it (a list of that one value).
        ("{{#yes}}{{.}}:{{name}}{{/yes}}", "true:Mail <A>"),
    ])
    func rendersAsMustacheDoes(template: String, expected: String) throws {
        #expect(try render(template) == expected)
    }

    @Test(arguments: [
        // A standalone section, inverted section, close, comment or delimiter tag takes its line and its blanks.
        ("[\n  {{#items}}\n  {{name}}\n  {{/items}}\n]", "[\n  one\n  two\n  three\n]"),
        ("a\r\n\t{{^no}}\r\nb\r\n{{/no}}\r\nc", "a\r\nb\r\nc"),
        ("a\n  {{! comment\n  over lines }}  \nb", "a\nb"),
        ("a\n{{=<% %>=}}\n<%name%>\n", "a\nMail <A>\n"),
        ("{{#yes}}\nend\n{{/yes}}", "end\n"),
        ("a\n  {{> partial}}\nb", "a\nb"),
        // Not standalone: a value tag, text on the line, or two tags on one line.
        ("a\n  {{name}}\nb", "a\n  Mail <A>\nb"),
        ("x {{#yes}}\ny{{/yes}} z", "x \ny z"),
        ("{{#yes}}{{/yes}}\nb", "\nb"),
    ])
    func standaloneTagsTakeTheirLine(template: String, expected: String) throws {
        #expect(try render(template) == expected)
    }

    @Test func everyTransformNameTheParserAcceptsIsOneTheRendererApplies() {
        let samples: [TemplateValue] = [.list([.text("a")]), .map(["a": .text("b")]), .text("a"), .number(1)]
        for name in TemplateTransform.valueNames {
            #expect(samples.contains { TemplateTransform.apply(name, to: $0) != nil }, "\(name)")
        }
        for name in TemplateTransform.iterationNames {
            #expect(TemplateTransform.apply(name, to: TemplateIteration(index: 0, count: 1)) != nil, "\(name)")
        }
    }

    @Test func valuesAreEscapedOnlyForJSONAndOnlyInDoubleBraces() throws {
        let root = TemplateValue.map(["text": .text("a\"b\n")])
        let nodes = try TemplateParser.parse("{{text}}|{{{text}}}|{{&text}}")
        #expect(try TemplateRenderer(escaping: .jsonString).render(nodes, over: root).get() == "a\\\"b\\u000a|a\"b\n|a\"b\n")
        #expect(try TemplateRenderer(escaping: .none).render(nodes, over: root).get() == "a\"b\n|a\"b\n|a\"b\n")
    }

    @Test(arguments: [
        ("ab\n  {{x y}}", 2, 3, "a tag is not finished"),
        ("{{#a}}\n{{/b}}", 2, 1, "does not match the open section"),
        ("{{/a}}", 1, 1, "does not match the open section"),
        ("x\n{{#a}}{{#b}}{{/b}}", 2, 19, "a section is not closed by the end of the template"),
        ("a {{{name}}", 1, 3, "the template ends inside a tag"),
        ("{{", 1, 1, "the template ends inside a tag"),
        ("{{=<% %> x=}}", 1, 1, "invalid set-delimiter tag"),
        ("{{=<%=}}", 1, 1, "invalid set-delimiter tag"),
        ("  {{shout(name)}}", 1, 3, "unknown transform 'shout'"),
        ("{{#items}}{{plusone()}}{{/items}}", 1, 11, "unknown transform 'plusone'"),
        ("{{index(items)}}", 1, 1, "unknown transform 'index'"),
        ("{{a(b}}", 1, 1, "a tag is not finished"),
        ("{{a..b}}", 1, 1, "a tag is not finished"),
        ("{{% ANCHORED-CSS }}", 1, 1, "unknown pragma"),
        ("{{>}}", 1, 1, "a partial tag without a name"),
    ])
    func syntaxErrorsSayWhatAndWhere(template: String, line: Int, column: Int, words: String) throws {
        let error = try #require(throws: TemplateSyntaxError.self) { try TemplateParser.parse(template) }
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.explanation.contains(words), "\(error)")
    }

    @Test func sectionsNestAHundredDeepAndNoDeeper() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "{{#yes}}", count: depth) + "x" + String(repeating: "{{/yes}}", count: depth)
        }
        #expect(try render(nested(TemplateParser.maxNesting)) == "x")
        let error = try #require(throws: TemplateSyntaxError.self) { try TemplateParser.parse(nested(101)) }
        #expect(error.explanation == "sections nested more than 100 deep")
        #expect(error.line == 1 && error.column == 100 * 8 + 1, "at the 101st opening tag")
        // Far deeper than any stack would take by recursion: refused, not a crash.
        #expect(throws: TemplateSyntaxError.self) { try TemplateParser.parse(nested(100_000)) }
    }

    @Test func renderingStopsAtItsByteAndStepBudgets() throws {
        // 3 items nested 12 deep: 3^12 = 531,441 passes that write nothing, so only the step budget can stop it.
        let deep = try TemplateParser.parse(
            String(repeating: "{{#items}}", count: 12) + String(repeating: "{{/items}}", count: 12))
        #expect(TemplateRenderer(escaping: .none, maxSteps: 10_000).render(deep, over: Self.root) == .failure(.tooManySteps))
        // Output stops at the first node that passes the byte budget, not at the end.
        let wide = try TemplateParser.parse(String(repeating: "{{#items}}{{name}}{{/items}}", count: 1_000))
        #expect(TemplateRenderer(escaping: .none, maxBytes: 100).render(wide, over: Self.root) == .failure(.tooLarge(bytes: 102)))  // 9 × "onetwothree", then "one"
        #expect(try TemplateRenderer(escaping: .none, maxBytes: 11_000).render(wide, over: Self.root).get().count == 11_000)
    }

    @Test func theErrorQuotesItsLineAndCutsItAtSixtyCharacters() throws {
        let long = String(repeating: "x", count: 80)
        let error = try #require(throws: TemplateError.self) { try TemplateBody(template: "ok\n\(long){{a b}}\nnext") }
        #expect(error.description == "template syntax error on line 2, column 81: a tag is not finished (a bad name, "
            + "or no closing delimiter) (in \"\(String(repeating: "x", count: 60))…\")")
    }
}
