/// One complete server response, as cut by `ResponseFramer` and parsed by `ResponseParser`.
public enum Response: Hashable, Sendable {
    /// `* ...`: data or status not tied to a command's completion.
    case untagged(UntaggedResponse)
    /// `<tag> OK/NO/BAD ...`: completes the command with that tag.
    case tagged(TaggedResponse)
    /// `+ ...`: the server waits for a literal or a SASL response.
    case continuation(ContinuationRequest)
}

extension Response {
    // response = *(continue-req / response-data) response-done   ; one element per frame here
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> Response {
        switch cursor.current {
        case UInt8(ascii: "+"): return .continuation(try ContinuationRequest.parse(from: &cursor))
        case UInt8(ascii: "*"): return .untagged(try UntaggedResponse.parse(from: &cursor))
        default: return .tagged(try TaggedResponse.parse(from: &cursor))
        }
    }
}
