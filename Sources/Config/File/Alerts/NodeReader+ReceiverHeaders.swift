extension NodeReader {
    /// A receiver's `headers:`: name → plain text, `{file: PATH}` or `{env: NAME}`. Names are HTTP tokens, unique
    /// regardless of case, and not one imapwatch sets. No message shows a value.
    mutating func readHeaders(_ node: YAMLNode) -> [ReceiverConfiguration.Header] {
        guard let entries = entries(node, key: "headers", nullIsEmpty: true) else { return [] }
        var headers: [ReceiverConfiguration.Header] = []
        var seen: Set<String> = []
        for (name, keyNode, value) in entries {
            guard NameSyntax.headerName.isValid(name) else {
                let syntax = NameSyntax.headerName
                report(.invalidName(key: "headers", value: name, kind: syntax.kind, rule: syntax.rule), at: keyNode)
                continue
            }
            guard !ReceiverConfiguration.Header.reservedNames.contains(name.lowercased()) else {
                report(.reservedHeaderName(name: name), at: keyNode)
                continue
            }
            guard seen.insert(name.lowercased()).inserted else {
                report(.duplicateKey(key: name), at: keyNode)
                continue
            }
            if let reference = headerValue(value, name: name) {
                headers.append(ReceiverConfiguration.Header(name: name, value: reference))
            }
        }
        return headers
    }

    /// One header's value: a scalar is the value itself (one line of text); a mapping gives `file` or `env`.
    private mutating func headerValue(_ node: YAMLNode, name: String) -> SecretReference? {
        let key = "headers.\(name)"
        guard case .mapping = node else {
            // `nonEmptyString` names only the kind of a wrong value, never a scalar's text.
            guard let text = nonEmptyString(node, key: key) else { return nil }
            guard ReceiverConfiguration.Header.isValidValue(text) else {
                report(.invalidHeaderValue(name: name), at: node)
                return nil
            }
            return .inline(Secret(text))
        }
        guard let entries = entries(node, key: key) else { return nil }
        var reference: SecretReference?
        var given: String?
        for (source, sourceKey, value) in entries {
            let path = "\(key).\(source)"
            guard AlertKeys.headerValue.contains(source) else {
                reportUnknown(source, at: sourceKey, section: key, known: AlertKeys.headerValue)
                continue
            }
            if let given {
                report(.conflictingSecrets(key: path, other: "\(key).\(given)"), at: value)
                continue
            }
            given = source
            reference = nonEmptyString(value, key: path).flatMap {
                secretReference($0, at: value, key: path, source: source == "env" ? .environment : .file)
            }
        }
        if given == nil { report(.missingOneOf(keys: AlertKeys.headerValue, section: key), at: node) }
        return reference
    }
}
