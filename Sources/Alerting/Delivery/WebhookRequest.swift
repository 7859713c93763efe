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

    /// Every secret value a message about this request must not show.
    var secrets: [Secret] { [url] + headers.map(\.value) }
}
