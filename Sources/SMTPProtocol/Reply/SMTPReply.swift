/// One complete SMTP reply (RFC 5321 §4.2): a code and one or more lines of text.
public struct SMTPReply: Hashable, Sendable {
    /// The code every line carried.
    public let code: ReplyCode
    /// Each line's text after the code and its separator, in order; at least one, possibly empty. Bytes that are
    /// not UTF-8 are replaced (U+FFFD); nothing else is changed, so control characters stay for the transcript to
    /// escape.
    public let lines: [String]

    /// A reply of `code` with these lines of text.
    public init(code: ReplyCode, lines: [String]) {
        self.code = code
        self.lines = lines.isEmpty ? [""] : lines
    }

    /// The enhanced status code at the start of the first line (RFC 2034 puts one on every line), if any.
    public var enhancedStatus: EnhancedStatusCode? {
        EnhancedStatusCode.parse(atStartOf: Substring(lines[0]))?.code
    }

    /// The text of every line, joined by spaces: for a person, as in "550 5.1.1 <nobody@example.test>: …".
    public var text: String { lines.joined(separator: " ") }
}
