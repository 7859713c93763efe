/// The tagged response that completes a command.
public struct TaggedResponse: Hashable, Sendable {
    /// The command's tag, e.g. `A003`.
    public var tag: String
    /// OK, NO or BAD with its code and text.
    public var status: StatusResponse

    /// Creates a tagged response.
    public init(tag: String, status: StatusResponse) {
        self.tag = tag
        self.status = status
    }
}

extension TaggedResponse {
    // response-tagged = tag SP resp-cond-state CRLF
    // tag             = 1*<any ASTRING-CHAR except "+">
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> TaggedResponse {
        let tag = String(decoding: try cursor.take("tag", while: ASCII.isTagChar), as: UTF8.self)
        try cursor.expectSpace()
        let keywordStart = cursor.index
        let keyword = try cursor.atom()
        guard let condition = StatusCondition(keyword: keyword), [.ok, .no, .bad].contains(condition) else {
            throw ParseError(.unexpectedByte(cursor.bytes[keywordStart], expected: "OK, NO or BAD"), offset: keywordStart)
        }
        let status = try StatusResponse.parse(condition: condition, from: &cursor)
        try cursor.expectEnd()
        return TaggedResponse(tag: tag, status: status)
    }
}
