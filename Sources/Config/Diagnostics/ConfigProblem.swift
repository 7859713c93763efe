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
    /// A secret file or CA file that cannot be read at load time.
    case unreadableFile(key: String, path: String, reason: String)
    /// `password_env` names a variable that is not set (or is empty) in the loader's environment.
    case secretVariableUnset(key: String, variable: String)
    /// More than one of `password`, `password_file`, `password_env`, `token_file` in one mapping.
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
    /// A key of the web configuration format that imapwatch does not support (`tls_server_config`,
    /// `http_server_config`).
    case notSupported(key: String)
    /// A `basic_auth_users` entry whose value is not a bcrypt hash. The value is not kept in this case.
    case invalidBcryptHash(user: String)
    /// A `basic_auth_users` user name that HTTP Basic credentials cannot carry (it contains `:`).
    case invalidUserName(name: String)
    /// A `probe_hosts` entry that is neither a host name or address nor `*.domain`.
    case invalidHostPattern(pattern: String)
    /// Warning: a password written into the file itself. Its value is not kept in this case.
    case inlineSecret(key: String)

    /// Whether the file still loads with this problem.
    public var isWarning: Bool {
        if case .inlineSecret = self { return true }
        return false
    }
}
