/// Parses one complete frame from `ResponseFramer` into a `Response`.
///
/// A malformed frame gives a `ParseError` with the offset of the offending byte; no input traps.
public struct ResponseParser: Hashable, Sendable {
    /// The limits in force.
    public var options: ParserOptions

    /// Creates a parser.
    public init(options: ParserOptions = ParserOptions()) {
        self.options = options
    }

    /// Parses one frame: a response with its final CRLF and any literals.
    public func parse(_ frame: [UInt8]) throws(ParseError) -> Response {
        var cursor = ByteCursor(frame, options: options)
        return try Response.parse(from: &cursor)
    }

    /// Parses one frame with the default options.
    public static func parse(_ frame: [UInt8]) throws(ParseError) -> Response {
        try ResponseParser().parse(frame)
    }
}
