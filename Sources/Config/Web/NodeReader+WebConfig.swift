extension NodeReader {
    /// Reads a web configuration's root node; every problem is recorded in `log`.
    mutating func readWebConfiguration(_ root: YAMLNode) -> WebConfiguration {
        var configuration = WebConfiguration()
        guard let entries = entries(root, key: "the file", nullIsEmpty: true) else { return configuration }
        for (name, keyNode, value) in entries {
            switch name {
            case WebConfigKeys.basicAuthUsers:
                configuration.basicAuthUsers = readBasicAuthUsers(value)
            case WebConfigKeys.tlsServerConfig:
                configuration.tls = readWebTLS(value, keyNode: keyNode)
            case WebConfigKeys.httpServerConfig:
                report(.notSupported(key: name), at: keyNode)
            default:
                let suggestion = Suggestion.closest(to: name, in: WebConfigKeys.topLevel)
                report(
                    .unknownKey(key: name, section: "the web configuration", suggestion: suggestion,
                        known: WebConfigKeys.topLevel),
                    at: keyNode)
            }
        }
        return configuration
    }

    /// `user: hash` pairs; a user name must be usable in HTTP Basic credentials, a hash must be bcrypt.
    private mutating func readBasicAuthUsers(_ node: YAMLNode) -> [String: BcryptHash] {
        let key = WebConfigKeys.basicAuthUsers
        guard let entries = entries(node, key: key, nullIsEmpty: true) else { return [:] }
        var users: [String: BcryptHash] = [:]
        for (user, keyNode, value) in entries {
            if user.isEmpty {
                report(.emptyValue(key: "a user name in \(key)"), at: keyNode)
                continue
            }
            if user.contains(":") {
                report(.invalidUserName(name: user), at: keyNode)
                continue
            }
            // The value is not quoted back in messages: `string` names only its kind when it is not a scalar.
            guard let text = string(value, key: "\(key).\(user)") else { continue }
            guard let hash = BcryptHash(text) else {
                report(.invalidBcryptHash(user: user), at: value)
                continue
            }
            users[user] = hash
        }
        return users
    }
}
