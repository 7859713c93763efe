/// A kind of name the alert keys take, and what it allows; `NodeReader.validName` checks a value against it.
struct NameSyntax: Sendable {
    /// What the name is, in messages (`receiver name`).
    var kind: String
    /// What is allowed, for the hint.
    var rule: String
    /// Whether a text is such a name.
    var isValid: @Sendable (String) -> Bool

    static let receiverName = NameSyntax(
        kind: "receiver name", rule: "use letters, digits, '_', '.' and '-'",
        isValid: ReceiverConfiguration.isValidName)
    static let ntfyTopic = NameSyntax(
        kind: "ntfy topic", rule: "use 1 to 64 letters, digits, '_' and '-'", isValid: ReceiverConfiguration.isValidTopic)
    static let mediaType = NameSyntax(
        kind: "media type", rule: "write type/subtype, such as application/json or text/plain; charset=utf-8",
        isValid: ReceiverConfiguration.isValidContentType)
    static let headerName = NameSyntax(
        kind: "HTTP header name", rule: "use letters, digits and !#$%&'*+-.^_`|~",
        isValid: ReceiverConfiguration.Header.isValidName)
}
