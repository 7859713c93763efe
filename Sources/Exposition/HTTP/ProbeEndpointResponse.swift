import Hummingbird

/// What `/probe` answers: the status, the content type and the body.
public struct ProbeEndpointResponse: Sendable, Equatable {
    /// The HTTP status: 200 for a probe that ran (whatever it found), 400 for a bad request, 503 when busy.
    public var status: HTTPResponse.Status
    /// The content type of `body`.
    public var contentType: String
    /// The metrics, the debug report or the error text.
    public var body: String

    /// A response with these parts.
    public init(status: HTTPResponse.Status, contentType: String, body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A plain-text error with `status`, ending in a newline.
    public static func error(_ status: HTTPResponse.Status, _ message: String) -> ProbeEndpointResponse {
        ProbeEndpointResponse(status: status, contentType: "text/plain; charset=utf-8", body: message + "\n")
    }
}
