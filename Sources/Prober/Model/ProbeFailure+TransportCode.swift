import Transport

extension ProbeFailure.Code {
    /// The reason code for a transport error; `connecting` tells a timeout while connecting (`connect_timeout`)
    /// from one later on (`timeout`). The IMAP probe and the mail-flow probe's submission share it.
    public init(_ error: TransportError, connecting: Bool) {
        self =
            switch error.code {
            case .resolveFailed: .resolveFailed
            case .connectRefused: .connectRefused
            case .connectTimeout: connecting ? .connectTimeout : .timeout
            case .connectFailed: .connectFailed
            case .tlsHandshakeFailed: .tlsHandshakeFailed
            case .tlsConfigurationInvalid: .configurationInvalid
            case .plaintextAfterStartTLS: .starttlsInjection
            case .timeout, .cancelled: .timeout
            case .tlsRecordFailed: .tlsError
            case .connectionClosed, .connectionReset, .ioError: .connectionClosed
            default: .connectionClosed
            }
    }

    /// The reason code for a certificate that failed verification.
    public init(_ kind: CertificateVerification.Kind) {
        self =
            switch kind {
            case .verified, .untrusted: .certificateUntrusted
            case .expired: .certificateExpired
            case .notYetValid: .certificateNotYetValid
            case .hostnameMismatch: .hostnameMismatch
            }
    }

    /// A submission server refused a step (its reply code and text are with the failure).
    public static let submissionRefused = Self(rawValue: "submission_refused")
    /// A submission server refused a recipient at RCPT TO.
    public static let recipientRefused = Self(rawValue: "recipient_refused")
    /// A submission server turned a step down for now (a 4yz reply: try again later).
    public static let submissionDeferred = Self(rawValue: "submission_deferred")
    /// A submission server turned a recipient down for now at RCPT TO (4yz).
    public static let recipientDeferred = Self(rawValue: "recipient_deferred")
    /// The mail-flow loop's message was accepted and not found in any watched folder before the deadline.
    public static let mailLost = Self(rawValue: "mail_lost")
    /// The loop's messages could not be deleted (the server refused the STORE or the UID EXPUNGE).
    public static let cleanupFailed = Self(rawValue: "cleanup_failed")
}
