extension ConfigProblem {
    /// The sentence that says what is wrong, without position or hint.
    public var message: String {
        switch self {
        case .syntax(let problem, _):
            "invalid YAML: \(problem)"
        case .duplicateKey(let key):
            "key '\(key)' appears more than once in this mapping"
        case .unknownKey(let key, let section, _, _):
            "unknown key '\(key)' in \(section)"
        case .keyNotAllowedHere(let key, let section, _):
            "key '\(key)' is not allowed in \(section)"
        case .missingKey(let key, let section):
            "\(section) needs '\(key)'"
        case .wrongType(let key, let expected, let found):
            "\(key): expected \(expected), found \(found)"
        case .emptyValue(let key):
            "\(key) must not be empty"
        case .invalidDuration(let key, let text, let reason):
            "\(key): '\(text)' is not a duration: \(reason)"
        case .invalidChoice(let key, let value, _, _):
            "\(key): '\(value)' is not a valid value"
        case .invalidHostPattern(let pattern, let reason):
            "probe_hosts: \(ServerHost.quoted(pattern)) is not a host pattern: \(reason)"
        case .invalidHost(let key, let value, let reason):
            "\(key): \(ServerHost.quoted(value)) is not a host name or address: \(reason)"
        case .valueOutOfRange(let key, let value, let bounds):
            "\(key): \(value) is out of range (\(bounds))"
        case .portOutOfRange(let port):
            "port \(port) is out of range 1...65535"
        case .duplicateTarget(let name, _):
            "duplicate target name '\(name)'"
        case .unknownModule(let name, _, _):
            "unknown module '\(name)'"
        case .invalidLabelName(let name):
            "'\(name)' is not a valid Prometheus label name"
        case .reservedLabelName(let name):
            "label name '\(name)' is reserved"
        case .unreadableFile(let key, let path, let reason):
            "\(key): cannot read \(path): \(reason)"
        case .secretVariableUnset(let key, let variable):
            "\(key): environment variable \(variable) is not set or empty"
        case .conflictingSecrets(let key, let other):
            "\(key) conflicts with \(other) in the same mapping"
        case .incompleteCredentials(let missing):
            "credentials without \(missing)"
        case .secretMechanismMismatch(let secretKey, let mechanism):
            "\(secretKey) does not fit auth \(mechanism ?? "(chosen by the server)")"
        case .plaintextCredentials:
            "tls: none would send credentials unencrypted"
        case .timeoutNotBelowInterval(let timeout, let interval):
            "timeout \(timeout) is not less than interval \(interval)"
        case .thresholdOrder(let key, let warning, let critical, _):
            "\(key): warning \(warning) and critical \(critical) are in the wrong order"
        case .notSupported(let key):
            "\(key) is not supported"
        case .unsupportedClientAuth(let value):
            "tls_server_config.client_auth_type: \(value) is not supported"
        case .invalidBcryptHash(let user):
            "basic_auth_users.\(user): not a bcrypt hash"
        case .invalidUserName(let name):
            "basic_auth_users: user name '\(name)' contains ':'"
        case .inlineSecret(let key):
            "\(key) is written in the configuration file"
        case .inlineURL(let key):
            "\(key) is not accepted in the configuration file: webhook URLs carry tokens"
        case .missingOneOf(let keys, let section):
            "\(section) needs \(keys.map { "'\($0)'" }.joined(separator: " or "))"
        case .duplicateReceiver(let name, _):
            "duplicate receiver name '\(name)'"
        case .unknownReceiver(let name, _, _):
            "unknown receiver '\(name)'"
        case .keyNotForReceiverType(let key, let type, _):
            "\(key) does not apply to a receiver of type \(type)"
        case .connectTimeoutAboveTimeout(let connectTimeout, let timeout):
            "connect_timeout \(connectTimeout) is more than timeout \(timeout)"
        case .invalidName(let key, let value, let kind, _):
            "\(key): '\(value)' is not a valid \(kind)"
        case .reservedHeaderName(let name):
            "headers: '\(name)' is set by imapwatch"
        case .invalidHeaderValue(let name):
            "headers.\(name): the value is not one line of text"
        case .unroutedReceiver(let name):
            "receiver '\(name)' gets no notification: no route names it"
        }
    }

    /// What to do about it, shown in parentheses after the message; `nil` when the message says it all.
    public var hint: String? {
        switch self {
        case .syntax(_, let context):
            context
        case .duplicateKey:
            "each key may appear once per mapping"
        case .unknownKey(_, _, let suggestion, let known):
            suggestion.map { "did you mean '\($0)'?" } ?? "known keys: \(known.joined(separator: ", "))"
        case .keyNotAllowedHere(_, _, let allowedIn):
            "set it in \(allowedIn)"
        case .missingKey:
            nil
        case .wrongType(_, let expected, _):
            Self.typeHint(expected)
        case .emptyValue:
            nil
        case .invalidDuration:
            "durations look like 500ms, 30s, 1m, 1h30m"
        case .invalidChoice(_, _, let allowed, let suggestion):
            (suggestion.map { "did you mean '\($0)'? " } ?? "") + "one of \(allowed.joined(separator: ", "))"
        case .invalidHostPattern:
            "write a host name, an IP address, or *.example.org for every name under example.org"
        case .invalidHost:
            "write a DNS name such as mail.example.org, an IPv4 address such as 192.0.2.1, or an IPv6 address such as 2001:db8::1"
        case .valueOutOfRange:
            nil
        case .portOutOfRange:
            nil
        case .duplicateTarget(_, let firstLine):
            "first defined on line \(firstLine); target names must be unique"
        case .unknownModule(_, let suggestion, let known):
            suggestion.map { "did you mean '\($0)'?" }
                ?? (known.isEmpty ? "no modules are defined" : "modules: \(known.joined(separator: ", "))")
        case .invalidLabelName:
            "use letters, digits and '_', not starting with a digit or '__'"
        case .reservedLabelName:
            "imapwatch sets target, host, port, tls, phase, reason, root, version, cipher, capability, result and revision itself, and le and quantile belong to the metrics format; choose another name"
        case .unreadableFile:
            "the file must exist and be readable by imapwatch when the configuration loads"
        case .secretVariableUnset(let key, _):
            "export it in the service's environment, or use \(Self.fileKey(replacing: key))"
        case .conflictingSecrets(let key, _):
            "give only one of \(Self.secretKeys(besides: key))"
        case .incompleteCredentials(let missing):
            missing == "username"
                ? "add username, or remove the secret" : "add password_file, password_env or token_file"
        case .secretMechanismMismatch(let secretKey, _):
            secretKey == "token_file"
                ? "token_file needs auth: xoauth2 or oauthbearer"
                : "auth xoauth2 and oauthbearer take a token: use token_file"
        case .plaintextCredentials:
            "use tls: starttls or implicit, or set allow_plaintext_auth: true"
        case .timeoutNotBelowInterval:
            "a probe must finish before the next one is due"
        case .thresholdOrder(_, _, _, let rule):
            rule
        case .notSupported(let key):
            key.hasPrefix("tls_server_config.")
                ? "imapwatch's TLS takes cert_file, key_file, min_version and client_auth_type: NoClientCert, with the system OpenSSL's ciphers and curves; remove \(key.dropFirst("tls_server_config.".count))"
                : "imapwatch serves HTTP/1.1 with its own headers; remove \(key)"
        case .unsupportedClientAuth:
            "imapwatch does not ask for client certificates yet; use NoClientCert (or remove the key) and basic_auth_users"
        case .invalidBcryptHash:
            "expected $2a$, $2b$ or $2y$, a cost from 04 to 31 and 53 characters, 60 in all, as `htpasswd -nB USER` prints after the colon"
        case .invalidUserName:
            "HTTP Basic credentials cannot carry ':' in a user name"
        case .inlineSecret:
            "it is accepted, but use password_file or password_env so the file can be shared"
        case .inlineURL:
            "put the URL in a file named by url_file, or in an environment variable named by url_env"
        case .missingOneOf(let keys, _):
            keys.contains("url_file") ? "webhook URLs carry tokens, so the URL is read from a file or a variable" : nil
        case .duplicateReceiver(_, let firstLine):
            "first defined on line \(firstLine); receiver names must be unique"
        case .unknownReceiver(_, let suggestion, let known):
            suggestion.map { "did you mean '\($0)'?" }
                ?? (known.isEmpty ? "no receivers are defined" : "receivers: \(known.joined(separator: ", "))")
        case .keyNotForReceiverType(let key, _, let takenBy):
            "only type \(takenBy) takes \(key)"
        case .connectTimeoutAboveTimeout:
            "the connection is part of the attempt that timeout bounds"
        case .invalidName(_, _, _, let rule):
            rule
        case .reservedHeaderName:
            "imapwatch sets Content-Type, Content-Length and Host itself; a template receiver's body type is its content_type"
        case .invalidHeaderValue:
            "a header value may not hold a line break or another control character"
        case .unroutedReceiver:
            "add a route to it, or remove it"
        }
    }

    /// The key that reads a secret from a file, for a hint about the key `environmentKey` that reads a variable.
    private static func fileKey(replacing environmentKey: String) -> String {
        if environmentKey.hasSuffix("_env") { return environmentKey.dropLast(3) + "file" }
        return environmentKey.hasSuffix(".env") ? "{file: PATH}" : "password_file"
    }

    /// The keys a mapping may give only one of, for a conflict involving `key`.
    private static func secretKeys(besides key: String) -> String {
        if key.hasPrefix("url_") { return "url_file, url_env" }
        if key.hasSuffix(".file") || key.hasSuffix(".env") { return "file, env" }
        return "password_file, password_env, token_file, password"
    }

    private static func typeHint(_ expected: String) -> String? {
        switch expected {
        case "true or false": "write true or false, without quotes"
        case "an integer", "a number": "write digits, without quotes"
        default: nil
        }
    }
}
