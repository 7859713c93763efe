import Foundation
import Testing

@testable import Alerting

/// The template receiver: the values a template sees, escaping by content type, syntax errors at init, and no
/// body that is not JSON (or too large) ever returned.
@Suite struct TemplateBodyTests {
    static let since = 1_795_795_428.0  // 2026-11-27T16:03:48Z

    static func alert(
        _ target: String, _ level: AlertLevel, _ status: AlertNotification.Status = .firing,
        summary: String = "login failed", labels: [String: String] = [:]
    ) -> AlertNotification {
        AlertNotification(
            status: status, level: level, target: target, condition: "probe_failing", summary: summary, since: since,
            resolvedAt: status == .resolved ? since + 600 : nil, labels: labels)
    }

    static let group = [
        alert("mail-a", .critical, labels: ["team": "mail", "host": "imap.example.org"]),
        alert("mail-b", .warning, .resolved, summary: "certificate expires in 12 days"),
    ]

    func render(_ template: String, _ notifications: [AlertNotification], contentType: String = "application/json")
        throws -> String
    {
        String(decoding: try TemplateBody(template: template, contentType: contentType).body(for: notifications), as: UTF8.self)
    }

    /// The decoded `text` member of a rendered JSON object.
    func text(of body: String) throws -> String {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        return try #require(object["text"] as? String)
    }

    @Test func exactOutputOverFiringAndResolved() throws {
        let template = #"""
            {"status":"{{status}}","summary":"{{summary}}","counts":[{{{firing_count}}},{{{resolved_count}}}],"alerts":[
            {{#alerts}}
            {"name":"{{alertname}}","status":"{{status}}","severity":"{{severity}}","target":"{{target}}","since":"{{since}}","since_unix":{{{since_unix}}},"resolved_at":{{#resolved_at}}"{{.}}"{{/resolved_at}}{{^resolved_at}}null{{/resolved_at}},"firing":{{{is_firing}}},"resolved":{{{is_resolved}}}}{{^last()}},{{/last()}}
            {{/alerts}}
            ]}
            """#
        #expect(try render(template, Self.group) == #"""
            {"status":"firing","summary":"1 firing, 1 resolved","counts":[1,1],"alerts":[
            {"name":"IMAPProbeFailing","status":"firing","severity":"critical","target":"mail-a","since":"2026-11-27T16:03:48Z","since_unix":1795795428,"resolved_at":null,"firing":true,"resolved":false},
            {"name":"IMAPProbeFailing","status":"resolved","severity":"warning","target":"mail-b","since":"2026-11-27T16:03:48Z","since_unix":1795795428,"resolved_at":"2026-11-27T16:13:48Z","firing":false,"resolved":true}
            ]}
            """#)
    }

    @Test func allResolvedGroupSaysResolved() throws {
        let resolved = [Self.alert("mail-a", .critical, .resolved), Self.alert("mail-b", .warning, .resolved)]
        #expect(try render(#"{"text":"{{status}}: {{summary}}"}"#, resolved) == #"{"text":"resolved: 2 resolved"}"#)
    }

    static let hostile = [
        #"quote " and backslash \ and \" both"#, "new\nline and\r\ncarriage", "tab\there", "nul\u{0}byte",
        "unit separator \u{1F} and \u{7F} delete", "line separator \u{2028} paragraph \u{2029}", "emoji 🔒👩‍💻 é",
        "</script><script>alert(1)</script>", #"", "admin": true, "x": ""#, "{{summary}} {{{summary}}}",
    ]

    @Test(arguments: hostile)
    func hostileSummaryRoundTripsExactly(summary: String) throws {
        let body = try render(#"{"text": "{{#alerts}}{{summary}}{{/alerts}}"}"#, [Self.alert("mail-a", .critical, summary: summary)])
        let decoded = try text(of: body)
        #expect(Array(decoded.unicodeScalars) == Array(summary.unicodeScalars))
    }

    @Test func controlCharactersAreWrittenAsUnicodeEscapes() throws {
        let summary = "a\"b\\c\nd\u{0}e\u{1F}f\u{2028}g</script>🔒"
        let body = try render(#"{"text":"{{#alerts}}{{summary}}{{/alerts}}"}"#, [Self.alert("mail-a", .critical, summary: summary)])
        #expect(body == #"{"text":"a\"b\\c\u000ad\u0000e\u001ff\u2028g</script>🔒"}"#)
    }

    @Test func everyUnicodeScalarRoundTripsThroughTheEscape() throws {
        // Plane by plane, so each JSON text stays small; surrogates are no scalars.
        for plane in UInt32(0)...16 {
            let scalars = (plane << 16..<(plane + 1) << 16).compactMap(Unicode.Scalar.init)
            var original = ""
            original.unicodeScalars.append(contentsOf: scalars)
            let json = "\"" + JSONStringEscaping.escape(original) + "\""
            #expect(JSONValidator.problem(in: Array(json.utf8)) == nil)
            let decoded = try #require(
                try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String)
            #expect(Array(decoded.unicodeScalars) == scalars, "plane \(plane)")
        }
    }

    @Test func tripleMustacheIsRaw() throws {
        let summary = #"{"nested": ["a\"b", 1]}"#
        let body = try render(#"{"data": {{#alerts}}{{{summary}}}{{/alerts}}, "n": {{&firing_count}}}"#, [Self.alert("mail-a", .critical, summary: summary)])
        #expect(body == #"{"data": {"nested": ["a\"b", 1]}, "n": 1}"#)
    }

    @Test(arguments: [
        ("{\"a\": \"{{#alerts}}\"\n}", 2, "a section is not closed"),
        ("{\n  \"a\": \"{{#alerts}}{{/alert}}\"\n}", 2, "does not match the open section"),
        ("line one\nline two\n{{summary", 3, "the template ends inside a tag"),
        ("{{#alerts}}\n{{na me}}\n{{/alerts}}", 2, "a tag is not finished"),
        ("{{% PRAGMA: X }}", 1, "unknown pragma"),
    ])
    func syntaxErrorsAreThrownAtInitWithTheirLine(template: String, line: Int, words: String) throws {
        let error = try #require(throws: TemplateError.self) { try TemplateBody(template: template) }
        #expect(error.code == .syntax)
        #expect(error.description.hasPrefix("template syntax error on line \(line), column "), "\(error)")
        #expect(error.description.contains(words), "\(error)")
    }

    @Test(arguments: ["{{% CONTENT_TYPE: TEXT }}{\"a\": 1}", "{{=<% %>=}}<%%  CONTENT_TYPE: HTML %>"])
    func aTemplateMayNotChooseItsOwnEscaping(template: String) throws {
        let error = try #require(throws: TemplateError.self) { try TemplateBody(template: template) }
        #expect(error.code == .contentTypePragma)
    }

    @Test func outputThatIsNotJSONIsRefusedWithItsByteOffset() throws {
        let unquoted = try TemplateBody(template: #"{"text": {{summary}}}"#)
        let error = try #require(throws: TemplateError.self) { try unquoted.body(for: Self.group) }
        #expect(error.code == .invalidJSON)
        #expect(error.description == "template output is not valid JSON: expected ',' or '}', found 'f' at byte 11")
        let trailing = try TemplateBody(template: #"{"a": 1,}"#)
        let second = try #require(throws: TemplateError.self) { try trailing.body(for: Self.group) }
        #expect(second.description == "template output is not valid JSON: expected a string as the member name, found '}' at byte 8")
    }

    @Test func compiledAndRenderedOnManyTasksAtOnceGivesOneBody() async throws {
        let template = #"{"text": "{{summary}}", "all": "{{#alerts}}{{summary}};{{/alerts}}"}"#
        let bodies = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<32 {
                group.addTask { try TemplateBody(template: template).body(for: Self.group) }
            }
            return try await group.reduce(into: Set<[UInt8]>()) { $0.insert($1) }
        }
        #expect(bodies.count == 1)
        #expect(bodies.first.map { String(decoding: $0, as: UTF8.self) } == #"{"text": "1 firing, 1 resolved", "all": "login failed;certificate expires in 12 days;"}"#)
    }

    @Test func plainTextIsNotEscaped() throws {
        let summary = "a \"quoted\" <b> & \\ \n next"
        let body = try render("{{#alerts}}{{summary}}|{{{summary}}}{{/alerts}}", [Self.alert("mail-a", .critical, summary: summary)], contentType: "text/plain; charset=utf-8")
        #expect(body == summary + "|" + summary)
    }

    @Test(arguments: [
        ("application/json", true), ("Application/JSON; charset=utf-8", true), ("application/vnd.pagerduty+json", true),
        (" application/cloudevents+json ", true), ("text/plain", false), ("application/x-www-form-urlencoded", false),
        ("+json", false),
    ])
    func jsonContentTypes(contentType: String, isJSON: Bool) throws {
        #expect(try TemplateBody(template: "{}", contentType: contentType).isJSON == isJSON)
    }

    @Test func labelsAsASortedListAndAsAMap() throws {
        let alert = Self.alert("mail-a", .critical, labels: ["team": "mail", "host": "imap.example.org", "port": "993"])
        let template = "{{#alerts}}{{#labels}}{{name}}={{value}};{{/labels}}|{{label.team}}|{{label.missing}}|{{/alerts}}"
        #expect(try render(template, [alert], contentType: "text/plain") == "host=imap.example.org;port=993;team=mail;|mail||")
    }

    @Test func outputOverOneMebibyteIsRefused() throws {
        let template = try TemplateBody(template: "{{#alerts}}{{summary}}{{/alerts}}", contentType: "text/plain")
        let quarter = String(repeating: "x", count: TemplateBody.byteLimit / 4)
        let four = (0..<4).map { Self.alert("mail-\($0)", .critical, summary: quarter) }
        #expect(try template.body(for: four).count == TemplateBody.byteLimit)
        let error = try #require(throws: TemplateError.self) {
            try template.body(for: four + [Self.alert("mail-5", .critical, summary: "x")])
        }
        #expect(error.code == .tooLarge)
        #expect(error.description.contains("1048577 bytes"), "\(error)")
    }

    @Test func sectionsOverAlertsNestedDeepStopAtTheStepLimitInsteadOfRunningForever() throws {
        // 2 alerts, sections over them 40 deep: 2^40 passes with no output, were it not stopped.
        let nested = String(repeating: "{{#alerts}}", count: 40) + String(repeating: "{{/alerts}}", count: 40)
        let template = try TemplateBody(template: "{\"a\": \"\(nested)\"}", contentType: "application/json", stepLimit: 10_000)
        let error = try #require(throws: TemplateError.self) { try template.body(for: Self.group) }
        #expect(error.code == .tooLarge)
        #expect(error.description == "template rendering stopped after 10000 steps: sections over lists nest too deep for 2 alerts")
    }

    static let exampleTemplate = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("packaging/templates/example.json.mustache")

    @Test(arguments: [
        [alert("mail-a", .critical, labels: ["team": "mail", "host": "imap.example.org"])],
        [alert("mail-a", .critical, .resolved), alert("mail-b", .warning, .resolved)],
        group,
        [alert("mail-\"x\"", .critical, summary: hostile.joined(separator: " "), labels: ["a\"b": "c\nd"])],
        [],
    ])
    func thePackagedExampleRendersValidJSON(alerts: [AlertNotification]) throws {
        let template = try TemplateBody(template: String(contentsOf: Self.exampleTemplate, encoding: .utf8))
        let body = try template.body(for: alerts)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(object["status"] as? String == (alerts.contains { $0.status == .firing } ? "firing" : "resolved"))
        let rendered = try #require(object["alerts"] as? [[String: Any]])
        #expect(rendered.count == alerts.count)
        for (alert, item) in zip(alerts, rendered) {
            #expect(item["target"] as? String == alert.target)
            #expect((item["text"] as? String)?.hasSuffix(alert.summary) == true)
            #expect((item["labels"] as? [String: String]) == alert.labels)
            #expect((item["ended_at"] is NSNull) == (alert.resolvedAt == nil))
        }
    }
}
