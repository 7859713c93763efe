import Config

/// One HTTP POST to a receiver: where (a secret: webhook URLs carry tokens), what, and how long to wait.
public struct WebhookRequest: Sendable {
    /// The receiver's URL; only `http` and `https` are ever used.
    public var url: Secret
    /// The request body, sent as is.
    public var body: [UInt8]
    /// The content type of `body`.
    public var contentType: String
    /// Extra headers; their values are treated as secrets too (they often carry tokens).
    public var headers: [(name: String, value: Secret)]
    /// The longest wait for the TCP connection and the TLS handshake.
    public var connectTimeout: Duration
    /// The longest wait for the whole exchange.
    public var timeout: Duration

    /// A POST of `body` to `url`.
    public init(
        url: Secret, body: [UInt8], contentType: String = "application/json",
        headers: [(name: String, value: Secret)] = [], connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(10)
    ) {
        self.url = url
        self.body = body
        self.contentType = contentType
        self.headers = headers
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Every secret value a message about this request must not show: the URL and each header value whole, and
    /// the pieces an answer may echo on their own (the URL's path and query, its longer path segments, each longer
    /// word of a header value such as the token after `Bearer`).
    var secrets: [Secret] {
        var pieces = [url] + headers.map(\.value)
        let text = url.exposedValue
        if let scheme = text.firstRange(of: "://"), let slash = text[scheme.upperBound...].firstIndex(of: "/") {
            let pathAndQuery = text[slash...]
            pieces.append(Secret(String(pathAndQuery)))
            let segments = pathAndQuery.split(whereSeparator: { "/?&=#".contains($0) })
            pieces += segments.filter { $0.count >= 8 }.map { Secret(String($0)) }
        }
        for header in headers {
            pieces += header.value.exposedValue.split(separator: " ").filter { $0.count >= 8 }.map { Secret(String($0)) }
        }
        return pieces
    }
}
