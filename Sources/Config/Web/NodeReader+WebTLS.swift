extension NodeReader {
    /// `tls_server_config` at `node` (its key at `keyNode`): `cert_file` and `key_file` are required and must be
    /// readable now; `nil` after reporting every problem.
    mutating func readWebTLS(_ node: YAMLNode, keyNode: YAMLNode) -> WebTLSConfiguration? {
        typealias Keys = WebConfigKeys.TLS
        let section = WebConfigKeys.tlsServerConfig
        guard let entries = entries(node, key: section, nullIsEmpty: true) else { return nil }
        var certificateFile: String?
        var keyFile: String?
        var minimumVersion = TLSVersion.tls1_2
        var complete = true
        for (name, nameNode, value) in entries {
            let key = "\(section).\(name)"
            switch name {
            case Keys.certFile, Keys.keyFile:
                guard let path = nonEmptyString(value, key: key), let absolute = checkedFile(path, key: key, at: value)
                else {
                    complete = false
                    continue
                }
                if name == Keys.certFile { certificateFile = absolute } else { keyFile = absolute }
            case Keys.minVersion:
                guard let text = string(value, key: key) else { complete = false; continue }
                guard let match = Keys.versions.first(where: { $0.name == text }) else {
                    reportInvalidChoice(text, key: key, allowed: Keys.versions.map(\.name), at: value)
                    complete = false
                    continue
                }
                minimumVersion = match.version
            case Keys.clientAuthType:
                guard let text = string(value, key: key) else { complete = false; continue }
                if text == Keys.noClientCert { continue }
                complete = false
                if Keys.clientAuthTypes.contains(text) {
                    report(.unsupportedClientAuth(value: text), at: value)
                } else {
                    reportInvalidChoice(text, key: key, allowed: Keys.clientAuthTypes, at: value)
                }
            default:
                complete = false
                if Keys.unsupported.contains(name) {
                    report(.notSupported(key: key), at: nameNode)
                } else {
                    let suggestion = Suggestion.closest(to: name, in: Keys.all)
                    report(.unknownKey(key: name, section: section, suggestion: suggestion, known: Keys.all), at: nameNode)
                }
            }
        }
        for (name, value) in [(Keys.certFile, certificateFile), (Keys.keyFile, keyFile)]
        where value == nil && !entries.contains(where: { $0.name == name }) {
            report(.missingKey(key: name, section: section), at: keyNode)
        }
        guard complete, let certificateFile, let keyFile else { return nil }
        return WebTLSConfiguration(certificateFile: certificateFile, keyFile: keyFile, minimumVersion: minimumVersion)
    }
}
