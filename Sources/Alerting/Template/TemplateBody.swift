/// The body of the `template` receiver: a user-supplied Mustache template rendered over one group of
/// notifications, for any service that takes JSON (or text) none of the built-in bodies fits.
///
/// The template sees, at the top level:
/// - `status`: `firing` if any alert fires, else `resolved`; `is_firing` and `is_resolved` as booleans
/// - `firing_count`, `resolved_count`: numbers
/// - `summary`: one line such as `2 firing, 1 resolved`
/// - `alerts`: every alert, in the order given, each with
///   - `status` (`firing` or `resolved`), `is_firing` and `is_resolved` (booleans, for sections)
///   - `severity` (`warning` or `critical`), `target`, `condition` (`probe_failing`, ...), `alertname`
///     (`IMAPProbeFailing`), `summary` (the mail server's words, never a secret)
///   - `since` (RFC 3339 in UTC), `since_unix` (whole seconds), `resolved_at` (RFC 3339; absent while firing)
///   - `labels`: the target's labels as a list of `name` and `value`, sorted by name; `label`: the same as a
///     map, so `{{label.team}}` works
///
/// Escaping follows the content type. With a JSON one (`application/json` or any `+json`) `{{value}}` is
/// written as the inside of a JSON string, so the template supplies the quotes (`"text": "{{summary}}"`):
/// `"` and `\` get a backslash, control characters and U+2028/U+2029 become `\uXXXX`, so no mail server's text
/// can end the string or add a field. `{{{value}}}` is written raw (for numbers and booleans:
/// `"count": {{{firing_count}}}`). Every JSON body is checked to parse before it is returned. With any other
/// content type (`text/plain`) nothing is escaped. The template may not set `CONTENT_TYPE` itself, and
/// partials (`{{> name}}`) render nothing: there are no other templates to include. The Mustache is
/// `TemplateParser`'s (the specification's tags, and swift-mustache's transforms such as `last()`, which
/// `TemplateTransform` lists).
public struct TemplateBody: Sendable {
    /// The largest body a template may render, in bytes (1 MiB).
    public static let byteLimit = 1 << 20
    /// The most nodes one render may visit (a node inside a section over a list counts once per item). A body
    /// per alert of a 1,000-alert group takes some 30,000; nested sections over `alerts` multiply without bound.
    public static let stepLimit = 1_000_000

    /// The content type the body is sent with.
    public let contentType: String
    /// Whether `contentType` is JSON, so values are escaped for JSON strings and the body is checked to parse.
    public let isJSON: Bool
    private let nodes: [TemplateNode]
    private let renderer: TemplateRenderer

    /// Compiles `template` once for bodies of `contentType`.
    ///
    /// Throws a `TemplateError` (`.syntax`) that says what is wrong, on which line and column, for a template
    /// that is not Mustache; `.contentTypePragma` for one that sets `CONTENT_TYPE`.
    public init(template: String, contentType: String = "application/json") throws {
        try self.init(template: template, contentType: contentType, stepLimit: Self.stepLimit)
    }

    /// A template whose renders stop after `stepLimit` steps (tests use a small one).
    init(template: String, contentType: String, stepLimit: Int) throws {
        guard !Self.setsContentType(template) else {
            throw TemplateError(
                .contentTypePragma,
                "template sets CONTENT_TYPE: escaping follows the receiver's content type (\(contentType)) instead")
        }
        self.contentType = contentType
        let json = Self.isJSON(contentType)
        isJSON = json
        renderer = TemplateRenderer(escaping: json ? .jsonString : .none, maxBytes: Self.byteLimit, maxSteps: stepLimit)
        do {
            nodes = try TemplateParser.parse(template)
        } catch {
            throw TemplateError.syntax(error)
        }
    }

    /// The rendered body for `notifications`.
    ///
    /// Throws a `TemplateError`: `.tooLarge` beyond `byteLimit` or `stepLimit` (rendering stops there, so neither
    /// memory nor time is spent past them), `.invalidJSON` (with the byte offset) when the content type is JSON and
    /// the output does not parse. Nothing invalid is ever returned.
    public func body(for notifications: [AlertNotification]) throws -> [UInt8] {
        let text: String
        switch renderer.render(nodes, over: TemplateContext.make(notifications)) {
        case .success(let rendered):
            text = rendered
        case .failure(.tooLarge(let bytes)):
            throw TemplateError(
                .tooLarge,
                "template output is over the limit of \(Self.byteLimit) bytes (1 MiB): rendering stopped at \(bytes) bytes")
        case .failure(.tooManySteps):
            throw TemplateError(
                .tooLarge,
                "template rendering stopped after \(renderer.maxSteps) steps: sections over lists nest too deep for "
                    + "\(notifications.count) alerts")
        }
        let bytes = Array(text.utf8)
        if isJSON, let problem = JSONValidator.problem(in: bytes) {
            throw TemplateError(
                .invalidJSON, "template output is not valid JSON: \(problem.reason) at byte \(problem.offset)")
        }
        return bytes
    }

    /// Whether `contentType`'s media type is `application/json` or ends in `+json` (parameters ignored).
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.prefix { $0 != ";" }.drop { $0.isWhitespace }.lowercased()
        let trimmed = String(mediaType.reversed().drop { $0.isWhitespace }.reversed())
        return trimmed == "application/json" || (trimmed.contains("/") && trimmed.hasSuffix("+json"))
    }

    /// Whether `template` has a `CONTENT_TYPE` pragma (`%`, optional whitespace, the name), whatever its
    /// delimiters.
    static func setsContentType(_ template: String) -> Bool {
        var rest = template[...]
        while let percent = rest.firstIndex(of: "%") {
            rest = rest[rest.index(after: percent)...]
            if rest.drop(while: \.isWhitespace).hasPrefix("CONTENT_TYPE") { return true }
        }
        return false
    }
}
