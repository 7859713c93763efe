/// Why the reply framer gave up on the byte stream. Once thrown, the framer keeps throwing it.
public enum ReplyFramingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A line grew past `ReplyFramingOptions.maxLineLength` bytes.
    case lineTooLong(limit: Int)
    /// A reply had more than `ReplyFramingOptions.maxLines` lines.
    case tooManyLines(limit: Int)
    /// A line ended with LF alone at this offset of the stream; SMTP requires CRLF.
    case bareLineFeed(offset: Int)
    /// A line that does not start with a reply code and a separator (" ", "-" or the line's end); its first bytes,
    /// printable ASCII only.
    case malformedLine(excerpt: String)
    /// A line of a multi-line reply carried another code than its first line.
    case codeMismatch(expected: ReplyCode, found: ReplyCode)

    /// One line for a person.
    public var description: String {
        switch self {
        case .lineTooLong(let limit): "a reply line longer than \(limit) bytes"
        case .tooManyLines(let limit): "a reply of more than \(limit) lines"
        case .bareLineFeed(let offset): "a line ended by LF without CR at byte \(offset)"
        case .malformedLine(let excerpt): "a line that is not an SMTP reply: \"\(excerpt)\""
        case .codeMismatch(let expected, let found): "a multi-line reply whose lines carry \(expected) and \(found)"
        }
    }
}
