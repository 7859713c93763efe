/// Why a probe failed: a reason code, the phase it happened in, and the details.
///
/// `message` and `serverText` never contain a credential; `serverText` has control characters escaped.
public struct ProbeFailure: Error, Sendable, Hashable {
    /// The reason, as a stable snake_case code usable as a metric label.
    public var code: Code
    /// The phase the probe was in.
    public var phase: Phase
    /// A one-line explanation for a person.
    public var message: String
    /// What the server said (the text of a `NO`/`BAD`/`BYE`), control characters escaped.
    public var serverText: String?

    /// A failure; `serverText` must have its control characters escaped.
    public init(code: Code, phase: Phase, message: String, serverText: String? = nil) {
        self.code = code
        self.phase = phase
        self.message = message
        self.serverText = serverText
    }

    /// An extensible reason code.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The snake_case code.
        public var rawValue: String
        /// A code; prefer the static constants.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The host name did not resolve.
        public static let resolveFailed = Code(rawValue: "resolve_failed")
        /// Every address refused the connection.
        public static let connectRefused = Code(rawValue: "connect_refused")
        /// No address answered before the deadline.
        public static let connectTimeout = Code(rawValue: "connect_timeout")
        /// The network or host was unreachable, or another socket error.
        public static let connectFailed = Code(rawValue: "connect_failed")
        /// The TLS handshake failed (protocol version, cipher, alert, garbage).
        public static let tlsHandshakeFailed = Code(rawValue: "tls_handshake_failed")
        /// TLS broke after the handshake (a record that does not decrypt or verify: tampering or a broken stack).
        public static let tlsError = Code(rawValue: "tls_error")
        /// The certificate chain did not verify against the trust store.
        public static let certificateUntrusted = Code(rawValue: "certificate_untrusted")
        /// The certificate (or one in its chain) has expired.
        public static let certificateExpired = Code(rawValue: "certificate_expired")
        /// The certificate is not yet valid.
        public static let certificateNotYetValid = Code(rawValue: "certificate_not_yet_valid")
        /// The certificate does not name the host.
        public static let hostnameMismatch = Code(rawValue: "hostname_mismatch")
        /// The server did not offer STARTTLS on a STARTTLS port, or refused it.
        public static let starttlsUnavailable = Code(rawValue: "starttls_unavailable")
        /// The server sent plaintext after its STARTTLS OK (response injection).
        public static let starttlsInjection = Code(rawValue: "starttls_injection")
        /// The server rejected the credentials.
        public static let authFailed = Code(rawValue: "auth_failed")
        /// No usable authentication mechanism (LOGINDISABLED, mechanism not offered).
        public static let authUnavailable = Code(rawValue: "auth_unavailable")
        /// The probe refused to send credentials without TLS.
        public static let plaintextAuthRefused = Code(rawValue: "plaintext_auth_refused")
        /// The mailbox could not be opened.
        public static let mailboxUnavailable = Code(rawValue: "mailbox_unavailable")
        /// The mailbox is empty but a message was required.
        public static let mailboxEmpty = Code(rawValue: "mailbox_empty")
        /// FETCH failed or returned the wrong number of octets.
        public static let fetchFailed = Code(rawValue: "fetch_failed")
        /// GETQUOTAROOT failed.
        public static let quotaFailed = Code(rawValue: "quota_failed")
        /// The TLS version negotiated is below the minimum.
        public static let tlsVersionTooLow = Code(rawValue: "tls_version_too_low")
        /// The server answered something that is not IMAP, or broke a size limit.
        public static let protocolError = Code(rawValue: "protocol_error")
        /// The server closed the connection or sent `BYE` unexpectedly.
        public static let connectionClosed = Code(rawValue: "connection_closed")
        /// The overall deadline passed.
        public static let timeout = Code(rawValue: "timeout")
        /// An error inside the probe itself (not the server's fault).
        public static let internalError = Code(rawValue: "internal_error")
        /// The probe's own settings cannot work (an unreadable CA file, say); not the server's fault.
        public static let configurationInvalid = Code(rawValue: "configuration_invalid")

        /// Whether the failure lies with the prober or its settings rather than with the server.
        public var isProbersOwn: Bool { self == .internalError || self == .configurationInvalid }
    }
}
