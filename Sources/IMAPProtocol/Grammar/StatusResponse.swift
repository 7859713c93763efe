/// A condition with an optional response code and human-readable text.
public struct StatusResponse: Hashable, Sendable {
    /// OK, NO, BAD, PREAUTH or BYE.
    public var condition: StatusCondition
    /// The bracketed code, if any.
    public var code: ResponseCode?
    /// The text after the code, as sent (it may carry server timings or anything else; treat it as opaque).
    public var text: String

    /// Creates a status response.
    public init(condition: StatusCondition, code: ResponseCode? = nil, text: String) {
        self.condition = condition
        self.code = code
        self.text = text
    }
}

extension StatusResponse {
    // resp-text = ["[" resp-text-code "]" SP] [text]
    /// Reads the resp-text after the condition keyword. Lenient: the SP before an empty text may be missing.
    static func parse(condition: StatusCondition, from cursor: inout ByteCursor) throws(ParseError) -> StatusResponse {
        guard cursor.skip(UInt8(ascii: " ")) else {
            return StatusResponse(condition: condition, text: "")
        }
        var code: ResponseCode?
        if cursor.current == UInt8(ascii: "[") {
            code = try ResponseCode.parse(from: &cursor)
            _ = cursor.skip(UInt8(ascii: " "))
        }
        return StatusResponse(condition: condition, code: code, text: cursor.restOfLine())
    }
}
