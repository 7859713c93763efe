import Config

/// Where one receiver's notifications go: the URL and header values are read at every attempt (from
/// `url_file` or `url_env`), so a rotated webhook URL needs no restart and none of it is kept in the queue.
public struct ReceiverEndpoint: Sendable {
    /// The receiver's name in the configuration.
    public var name: String
    /// Reads the URL now; throws when its file or variable cannot be read.
    public var url: @Sendable () throws -> Secret
    /// Reads the extra headers now.
    public var headers: @Sendable () throws -> [(name: String, value: Secret)]
    /// The content type of the bodies this receiver takes.
    public var contentType: String
    /// The connect and total timeouts of one attempt.
    public var connectTimeout: Duration
    public var timeout: Duration

    /// An endpoint named `name`.
    public init(
        name: String, url: @escaping @Sendable () throws -> Secret,
        headers: @escaping @Sendable () throws -> [(name: String, value: Secret)] = { [] },
        contentType: String = "application/json", connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(10)
    ) {
        self.name = name
        self.url = url
        self.headers = headers
        self.contentType = contentType
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// The request posting `body` here, with the URL and headers read now; throws when they cannot be read.
    public func request(body: [UInt8]) throws -> WebhookRequest {
        WebhookRequest(
            url: try url(), body: body, contentType: contentType, headers: try headers(),
            connectTimeout: connectTimeout, timeout: timeout)
    }
}
