import SASLEncoding

/// A command continuation request (`+ ...`): the server wants the next literal or SASL response.
public struct ContinuationRequest: Hashable, Sendable {
    /// The text after `+`, as sent; for SASL a base64 challenge.
    public var text: String

    /// Creates a continuation request.
    public init(text: String) {
        self.text = text
    }

    /// The text decoded as base64 (a SASL challenge), or `nil` if it is not base64.
    public var decodedChallenge: [UInt8]? { Base64.decode(text) }
}

extension ContinuationRequest {
    // continue-req = "+" SP (resp-text / base64) CRLF
    /// Lenient: a bare `+` with no SP is accepted (some servers send it).
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> ContinuationRequest {
        try cursor.expect(UInt8(ascii: "+"), "+")
        _ = cursor.skip(UInt8(ascii: " "))
        let text = cursor.restOfLine()
        try cursor.expectEnd()
        return ContinuationRequest(text: text)
    }
}
