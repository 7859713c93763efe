import Config

extension ReceiverEndpoint {
    /// The endpoint of `receiver`: its URL and header values read from their files or variables in
    /// `environment` at every attempt, its timeouts, and `format`'s content type.
    public init(_ receiver: ReceiverConfiguration, format: ReceiverFormat, environment: [String: String]) {
        let url = receiver.url
        let headers = receiver.headers
        self.init(
            name: receiver.name,
            url: { try url.read(environment: environment) },
            headers: { try headers.map { (name: $0.name, value: try $0.value.read(environment: environment)) } },
            contentType: format.contentType, connectTimeout: receiver.connectTimeout, timeout: receiver.timeout)
    }
}
