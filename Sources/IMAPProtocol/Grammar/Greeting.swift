/// The server's first response: ready (OK), already authenticated (PREAUTH) or refusing (BYE).
public struct Greeting: Hashable, Sendable {
    /// The three kinds of greeting.
    public enum Kind: Hashable, Sendable {
        /// Ready; the client must authenticate.
        case ok
        /// Already authenticated (for example by the connection's origin).
        case preauth
        /// The server refuses the connection.
        case bye
    }

    /// Which greeting this is.
    public var kind: Kind
    /// The bracketed code, often `[CAPABILITY ...]`.
    public var code: ResponseCode?
    /// The greeting text; opaque (it may carry a version or a copyright line).
    public var text: String

    /// Creates a greeting.
    public init(kind: Kind, code: ResponseCode? = nil, text: String) {
        self.kind = kind
        self.code = code
        self.text = text
    }

    /// The capabilities announced in the greeting's code, or `nil` if it carried none.
    public var capabilities: [Capability]? {
        if case .capability(let capabilities) = code { return capabilities }
        return nil
    }

    // greeting = "*" SP (resp-cond-auth / resp-cond-bye) CRLF
    /// Interprets an already parsed response as a greeting; `nil` if it is not `* OK`, `* PREAUTH` or `* BYE`.
    public init?(_ response: Response) {
        guard case .untagged(.condition(let status)) = response else { return nil }
        switch status.condition {
        case .ok: kind = .ok
        case .preauth: kind = .preauth
        case .bye: kind = .bye
        case .no, .bad: return nil
        }
        code = status.code
        text = status.text
    }

    /// Parses the first frame the server sent; throws `.notAGreeting` for any other valid response.
    public static func parse(_ frame: [UInt8], options: ParserOptions = ParserOptions()) throws(ParseError) -> Greeting {
        let response = try ResponseParser(options: options).parse(frame)
        guard let greeting = Greeting(response) else { throw ParseError(.notAGreeting, offset: 0) }
        return greeting
    }
}
