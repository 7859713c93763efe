/// One entry of `alerts.receivers:`: a chat service, webhook or Alertmanager notifications are posted to.
public struct ReceiverConfiguration: Sendable, Hashable {
    /// The kinds of receiver, each with its own body.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case slack, mattermost, rocketchat, discord, teams, googlechat, ntfy
        /// The Alertmanager webhook v4 body, the de-facto generic JSON.
        case webhook
        /// A real Alertmanager's `POST /api/v2/alerts`.
        case alertmanager
        /// A user-supplied Mustache template.
        case template
    }

    /// One extra request header; the value is read at each attempt, like the URL.
    public struct Header: Sendable, Hashable {
        /// The header name (`Authorization`).
        public var name: String
        /// Where its value comes from (a file, a variable, or plain text written in the file).
        public var value: SecretReference

        /// A header `name` with its value from `value`.
        public init(name: String, value: SecretReference) {
            self.name = name
            self.value = value
        }
    }

    /// The receiver's name, unique in the file (`[A-Za-z0-9_.-]+`), used by routes and metrics.
    public var name: String
    /// What kind of service it is.
    public var kind: Kind
    /// The URL (a secret: webhook URLs carry tokens), from `url_file` or `url_env`.
    public var url: SecretReference
    /// Extra headers, in file order.
    public var headers: [Header]
    /// The longest wait for the connection and TLS handshake of one attempt.
    public var connectTimeout: Duration
    /// The longest wait for one whole attempt.
    public var timeout: Duration
    /// `ntfy` only: the topic to publish to (required there).
    public var topic: String?
    /// `template` only: the Mustache template's absolute path (required there).
    public var templateFile: String?
    /// `template` only: the body's content type (`application/json` unless set); a JSON type is checked to
    /// parse before anything is sent.
    public var contentType: String?

    /// The built-in connect timeout (the file's default is the shorter of this and the receiver's `timeout`).
    public static let defaultConnectTimeout = Duration.seconds(5)
    /// The built-in timeout of one whole attempt.
    public static let defaultTimeout = Duration.seconds(10)

    /// A receiver.
    public init(
        name: String, kind: Kind, url: SecretReference, headers: [Header] = [],
        connectTimeout: Duration = defaultConnectTimeout, timeout: Duration = defaultTimeout, topic: String? = nil,
        templateFile: String? = nil, contentType: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.url = url
        self.headers = headers
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.topic = topic
        self.templateFile = templateFile
        self.contentType = contentType
    }
}
