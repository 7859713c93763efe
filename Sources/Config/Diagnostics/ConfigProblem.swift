/// What is wrong at one place of a configuration file (the daemon's or the web configuration): one case per
/// class of error, plus the warnings.
///
/// Values shown in messages are never secrets: a secret's value is neither stored here nor printed.
public enum ConfigProblem: Sendable, Hashable {
    /// The text is not YAML (libyaml's own words, without the offending line).
    case syntax(problem: String, context: String?)
    /// A mapping repeats a key.
    case duplicateKey(key: String)
    /// A key this section does not know; `suggestion` is the closest known key, if one is close.
    case unknownKey(key: String, section: String, suggestion: String?, known: [String])
    /// A known key in a section where it does not belong (`username` under `defaults:`).
    case keyNotAllowedHere(key: String, section: String, allowedIn: String)
    /// A required key is absent.
    case missingKey(key: String, section: String)
    /// A value of the wrong YAML type: `expected` and `found` are phrases ("an integer", "a sequence").
    case wrongType(key: String, expected: String, found: String)
    /// A string where one is needed but it is empty.
    case emptyValue(key: String)
    /// A duration that is not in the Prometheus form.
    case invalidDuration(key: String, text: String, reason: String)
    /// A value outside a closed set (TLS mode, auth mechanism, TLS version).
    case invalidChoice(key: String, value: String, allowed: [String], suggestion: String?)
    /// A number or duration outside its bounds; `bounds` says them in words.
    case valueOutOfRange(key: String, value: String, bounds: String)
    /// A port outside 1…65535.
    case portOutOfRange(port: Int)
    /// A second target with a name already used at `firstLine`.
    case duplicateTarget(name: String, firstLine: Int)
    /// A target names a module that is not defined.
    case unknownModule(name: String, suggestion: String?, known: [String])
    /// A label name that Prometheus does not accept (`[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__`).
    case invalidLabelName(name: String)
    /// A label name imapwatch sets itself on every series.
    case reservedLabelName(name: String)
    /// A secret file, CA file or template that cannot be read at load time.
    case unreadableFile(key: String, path: String, reason: String)
    /// `password_env` (or `url_env`, a header's `env`) names a variable that is not set, or is empty, in the
    /// loader's environment.
    case secretVariableUnset(key: String, variable: String)
    /// More than one of `password`, `password_file`, `password_env`, `token_file` in one mapping (or of `url_file`
    /// and `url_env`, or a header's `file` and `env`).
    case conflictingSecrets(key: String, other: String)
    /// A user name without a secret, or a secret without a user name.
    case incompleteCredentials(missing: String)
    /// `token_file` with a password mechanism, or a bearer mechanism with a password.
    case secretMechanismMismatch(secretKey: String, mechanism: String?)
    /// Credentials over `tls: none` without `allow_plaintext_auth: true`.
    case plaintextCredentials
    /// The probe timeout is not below the target's interval.
    case timeoutNotBelowInterval(timeout: String, interval: String)
    /// A warning threshold on the wrong side of its critical threshold.
    case thresholdOrder(key: String, warning: String, critical: String, rule: String)
    /// A key of the web configuration format that imapwatch does not support (`http_server_config`,
    /// `tls_server_config.cipher_suites`, ...).
    case notSupported(key: String)
    /// A `tls_server_config.client_auth_type` other than `NoClientCert`: client certificates are not checked yet.
    case unsupportedClientAuth(value: String)
    /// A `basic_auth_users` entry whose value is not a bcrypt hash. The value is not kept in this case.
    case invalidBcryptHash(user: String)
    /// A `basic_auth_users` user name that HTTP Basic credentials cannot carry (it contains `:`).
    case invalidUserName(name: String)
    /// A `probe_hosts` entry that is neither a host name or address nor `*.domain`; `reason` says why.
    case invalidHostPattern(pattern: String, reason: String)
    /// A `host:` or `sni:` that is not a DNS name, an IPv4 or an IPv6 address; `reason` says why.
    case invalidHost(key: String, value: String, reason: String)
    /// Warning: a password written into the file itself. Its value is not kept in this case.
    case inlineSecret(key: String)
    /// A receiver's `url:` written in the file; refused, as webhook URLs carry tokens. Its value is not kept.
    case inlineURL(key: String)
    /// None of `keys`, one of which `section` needs (`url_file` or `url_env`).
    case missingOneOf(keys: [String], section: String)
    /// A second receiver with a name already used at `firstLine`.
    case duplicateReceiver(name: String, firstLine: Int)
    /// A route names a receiver that is not defined.
    case unknownReceiver(name: String, suggestion: String?, known: [String])
    /// A key only receivers of type `takenBy` accept, on a receiver of type `type` (`topic` on Slack).
    case keyNotForReceiverType(key: String, type: String, takenBy: String)
    /// A receiver's `connect_timeout` longer than its whole `timeout`.
    case connectTimeoutAboveTimeout(connectTimeout: String, timeout: String)
    /// A name outside its syntax: `kind` says what it names ("receiver name"), `rule` what is allowed.
    case invalidName(key: String, value: String, kind: String, rule: String)
    /// A receiver header imapwatch sets itself (`Content-Type`, `Content-Length`, `Host`).
    case reservedHeaderName(name: String)
    /// A header value written in the file that is not one line of text. The value is not kept.
    case invalidHeaderValue(name: String)
    /// Warning: routes exist but none names this receiver, so it gets no notification.
    case unroutedReceiver(name: String)

    /// Whether the file still loads with this problem.
    public var isWarning: Bool {
        switch self {
        case .inlineSecret, .unroutedReceiver: true
        default: false
        }
    }
}
