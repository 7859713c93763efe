extension NodeReader {
    /// Reads one probe key (a module key, or `interval`) into `layer`; returns `false` for a key it does not know.
    mutating func readProbeKey(
        _ name: String, value: YAMLNode, level: ProbeLayer.Level, into layer: inout ProbeLayer
    ) -> Bool {
        var found = true
        switch name {
        case "interval": found = set(duration(value, key: name), \.interval, &layer)
        case "timeout": found = set(duration(value, key: name), \.timeout, &layer)
        case "tls": found = set(choice(value, key: name, as: TLSMode.self), \.tls, &layer)
        case "port": found = set(int(value, key: name), \.port, &layer)
        case "auth": found = set(choice(value, key: name, as: AuthMechanism.self), \.auth, &layer)
        case "username": found = set(nonEmptyString(value, key: name), \.username, &layer)
        case "ca_file":
            let path = nonEmptyString(value, key: name).flatMap { checkedFile($0, key: name, at: value) }
            found = set(path, \.caFile, &layer)
        case "sni": found = set(serverHost(value, key: name), \.sni, &layer)
        case "insecure": found = set(bool(value, key: name), \.insecure, &layer)
        case "tls_min": found = set(choice(value, key: name, as: TLSVersion.self), \.tlsMin, &layer)
        case "allow_plaintext_auth": found = set(bool(value, key: name), \.allowPlaintextAuth, &layer)
        case "mailbox": found = set(nonEmptyString(value, key: name), \.mailbox, &layer)
        case "select": found = set(bool(value, key: name), \.select, &layer)
        case "fetch_bytes": found = set(int(value, key: name), \.fetchBytes, &layer)
        case "require_message": found = set(bool(value, key: name), \.requireMessage, &layer)
        case "quota": found = set(bool(value, key: name), \.quota, &layer)
        case "phase_histograms": found = set(bool(value, key: name), \.phaseHistograms, &layer)
        case "probe_hosts":
            guard level == .module else { return false }
            found = set(hostPatterns(value, key: name), \.probeHosts, &layer)
        case "thresholds":
            readThresholds(value, level: level, into: &layer)
            return true
        case "alerting":
            readAlertPolicy(value, level: level, into: &layer)
            return true
        case _ where ConfigKeys.secrets.contains(name):
            readSecret(name, value: value, into: &layer)
            found = layer.secret != nil
        default:
            return false
        }
        if found {
            let path = ConfigKeys.secrets.contains(name) ? "secret" : name
            layer.origins[path] = ProbeLayer.Origin(location: location(value), level: level)
        }
        return true
    }

    /// A sequence of host patterns: hosts, or `*.domain`. `nil` after reporting.
    private mutating func hostPatterns(_ node: YAMLNode, key: String) -> [ProbeHostPattern]? {
        guard let items = items(node, key: key) else { return nil }
        var patterns: [ProbeHostPattern] = []
        var valid = true
        for item in items {
            guard let text = nonEmptyString(item, key: key) else {
                valid = false
                continue
            }
            do {
                patterns.append(try ProbeHostPattern(parsing: text))
            } catch {
                report(.invalidHostPattern(pattern: text, reason: error.reason), at: item)
                valid = false
            }
        }
        return valid ? patterns : nil
    }

    /// A host (`host:`, `sni:`): a name or an address, strictly. `nil` after reporting.
    mutating func serverHost(_ node: YAMLNode, key: String) -> ServerHost? {
        guard let text = nonEmptyString(node, key: key) else { return nil }
        do {
            return try ServerHost(parsing: text)
        } catch {
            report(.invalidHost(key: key, value: text, reason: error.reason), at: node)
            return nil
        }
    }

    /// Stores a value that was read; `false` when reading failed (already reported).
    func set<Value>(_ value: Value?, _ field: WritableKeyPath<ProbeLayer, Value?>, _ layer: inout ProbeLayer)
        -> Bool
    {
        guard let value else { return false }
        layer[keyPath: field] = value
        return true
    }

    private mutating func readSecret(_ name: String, value: YAMLNode, into layer: inout ProbeLayer) {
        if let other = layer.secretKey {
            report(.conflictingSecrets(key: name, other: other), at: value)
            return
        }
        guard let text = nonEmptyString(value, key: name) else { return }
        let reference: SecretReference?
        switch name {
        case "password_env":
            reference = secretReference(text, at: value, key: name, source: .environment)
        case "password":
            report(.inlineSecret(key: name), at: value)
            reference = .inline(Secret(text))
        default:
            reference = secretReference(text, at: value, key: name, source: .file)
        }
        // The key is recorded even when the reference is broken, so a second secret key still conflicts.
        layer.secretKey = name
        layer.secret = reference
    }
}
