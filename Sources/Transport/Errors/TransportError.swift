/// A failure of name resolution, TCP or TLS, with a code to branch on and a message for people.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; an open set of named constants.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The stable snake_case name of the code, usable in metrics labels.
        public var rawValue: String

        /// Wraps a code name; prefer the static constants.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The code's name.
        public var description: String { rawValue }

        /// getaddrinfo failed; the message carries `gai_strerror`'s text.
        public static let resolveFailed = Code(rawValue: "resolve_failed")
        /// The peer answered the TCP SYN with a reset (nothing listens on the port).
        public static let connectRefused = Code(rawValue: "connect_refused")
        /// No TCP connection was established before the deadline.
        public static let connectTimeout = Code(rawValue: "connect_timeout")
        /// The TCP connect failed for another reason (unreachable, no addresses, ...).
        public static let connectFailed = Code(rawValue: "connect_failed")
        /// The TLS configuration could not be applied (unreadable CA file, ...).
        public static let tlsConfigurationInvalid = Code(rawValue: "tls_configuration_invalid")
        /// The TLS handshake failed; the message carries OpenSSL's error text.
        public static let tlsHandshakeFailed = Code(rawValue: "tls_handshake_failed")
        /// TLS failed after the handshake: a record did not decrypt or verify, or OpenSSL refused to write.
        public static let tlsRecordFailed = Code(rawValue: "tls_record_failed")
        /// Plaintext arrived after the STARTTLS response and before the handshake (injection).
        public static let plaintextAfterStartTLS = Code(rawValue: "plaintext_after_starttls")
        /// The connection's overall deadline passed.
        public static let timeout = Code(rawValue: "timeout")
        /// The connection was already closed (by us or, for writes, by the peer).
        public static let connectionClosed = Code(rawValue: "connection_closed")
        /// The peer reset the connection.
        public static let connectionReset = Code(rawValue: "connection_reset")
        /// The caller stopped waiting (its task was cancelled) before the connection's work ended.
        public static let cancelled = Code(rawValue: "cancelled")
        /// Another I/O or TLS record-layer failure after the connection was established.
        public static let ioError = Code(rawValue: "io_error")
    }

    /// What kind of failure this is.
    public var code: Code
    /// Human-readable detail (OS or OpenSSL error text, the addresses tried).
    public var message: String

    /// Makes an error from a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
