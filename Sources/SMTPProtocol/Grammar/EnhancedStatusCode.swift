/// An enhanced mail system status code (RFC 3463), such as `5.1.1`, as a server puts it at the start of a reply
/// line's text when it announced ENHANCEDSTATUSCODES (RFC 2034).
public struct EnhancedStatusCode: Hashable, Sendable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public let statusClass: Int
    /// The subject, 0 to 999.
    public let subject: Int
    /// The detail, 0 to 999.
    public let detail: Int

    /// status-code = class "." subject "." detail; class = "2" / "4" / "5"; subject = 1*3digit; detail = 1*3digit
    ///
    /// Reads the code at the start of `text`, which must be followed by a space or end there; returns the code and
    /// the text after it and its spaces, or nil when the text does not start with a code.
    public static func parse(atStartOf text: Substring) -> (code: EnhancedStatusCode, rest: Substring)? {
        let bytes = Array(text.utf8.prefix(12))
        var index = 0
        // Up to `limit` digits at `index`; nil when there is none.
        func number(limit: Int) -> Int? {
            var value = 0
            let start = index
            while index < bytes.count, index - start < limit, let digit = ASCII.digitValue(of: bytes[index]) {
                value = value * 10 + digit
                index += 1
            }
            return index == start ? nil : value
        }
        func dot() -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return false }
            index += 1
            return true
        }
        guard let statusClass = number(limit: 1), [2, 4, 5].contains(statusClass), dot(),
            let subject = number(limit: 3), dot(), let detail = number(limit: 3),
            index == bytes.count || bytes[index] == UInt8(ascii: " ")
        else { return nil }
        let rest = text.utf8.dropFirst(index).drop { $0 == UInt8(ascii: " ") }
        return (EnhancedStatusCode(statusClass: statusClass, subject: subject, detail: detail), Substring(rest))
    }

    /// "class.subject.detail".
    public var description: String { "\(statusClass).\(subject).\(detail)" }
}
