extension NodeReader {
    /// A target's `mailflow:` mapping; every problem reported with its position. `nil` when it is not a mapping.
    mutating func readMailFlow(_ node: YAMLNode) -> (MailFlowConfiguration, SourceLocation)? {
        guard let entries = entries(node, key: "mailflow", nullIsEmpty: true) else { return nil }
        var host: ServerHost?
        var port: Int?
        var tls: MailFlowConfiguration.SubmissionTLS?
        var serverName: ServerHost?
        var username: String?
        var secret: (key: String, reference: SecretReference?)?
        var from: String?
        var to: String?
        var folders: [String]?
        var wait: Duration?
        var lateAfter: (Duration, YAMLNode)?
        var ehloName: String?
        for (key, keyNode, value) in entries {
            switch key {
            case "smtp_host": host = serverHost(value, key: "mailflow.smtp_host")
            case "smtp_port":
                port = int(value, key: "mailflow.smtp_port")
                if let given = port, !(1...65_535).contains(given) {
                    report(.portOutOfRange(port: given), at: value)
                    port = nil
                }
            case "smtp_tls": tls = choice(value, key: "mailflow.smtp_tls", as: MailFlowConfiguration.SubmissionTLS.self)
            case "smtp_sni": serverName = serverHost(value, key: "mailflow.smtp_sni")
            case "smtp_username": username = nonEmptyString(value, key: "mailflow.smtp_username")
            case "smtp_password_file", "smtp_password_env":
                if let other = secret?.key {
                    report(.conflictingSecrets(key: key, other: other), at: value)
                    continue
                }
                let reference = nonEmptyString(value, key: "mailflow.\(key)").flatMap {
                    secretReference($0, at: value, key: "mailflow.\(key)", source: key.hasSuffix("_env") ? .environment : .file)
                }
                secret = (key, reference)
            case "from": from = address(value, key: "mailflow.from")
            case "to": to = address(value, key: "mailflow.to")
            case "folders": folders = folderList(value)
            case "wait": wait = boundedDuration(value, key: "mailflow.wait")
            case "late_after": lateAfter = boundedDuration(value, key: "mailflow.late_after").map { ($0, value) }
            case "ehlo_name": ehloName = nonEmptyString(value, key: "mailflow.ehlo_name")
            default:
                reportUnknown(key, at: keyNode, section: "mailflow", known: ConfigKeys.mailFlow)
            }
        }
        if username != nil, secret == nil {
            report(.incompleteCredentials(missing: "mailflow.smtp_password_file or mailflow.smtp_password_env"), at: node)
        } else if secret != nil, username == nil {
            report(.incompleteCredentials(missing: "mailflow.smtp_username"), at: node)
        }
        let effectiveWait = wait ?? MailFlowConfiguration.defaultWait
        if let (late, lateNode) = lateAfter, late >= effectiveWait {
            report(
                .valueOutOfRange(
                    key: "mailflow.late_after", value: PrometheusDuration.format(late),
                    bounds: "less than mailflow.wait (\(PrometheusDuration.format(effectiveWait)))"), at: lateNode)
        }
        let login = username.flatMap { name in secret?.reference.map { LoginConfiguration(username: name, secret: $0) } }
        let configuration = MailFlowConfiguration(
            host: host, port: port, tls: tls, serverName: serverName, login: login, from: from, to: to, folders: folders,
            wait: wait, lateAfter: lateAfter?.0, ehloName: ehloName)
        return (configuration, location(node))
    }

    /// An envelope address as the loop sends it: `local@domain`, printable ASCII, nothing SMTP reads as syntax.
    private mutating func address(_ node: YAMLNode, key: String) -> String? {
        guard let text = nonEmptyString(node, key: key) else { return nil }
        let bytes = Array(text.utf8)
        let at = bytes.lastIndex(of: UInt8(ascii: "@"))
        let forbidden: Set<UInt8> = [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\\")]
        guard bytes.count <= 254, let at, at > 0, at <= 64, at < bytes.count - 1,
            bytes.firstIndex(of: UInt8(ascii: "@")) == at,
            bytes.allSatisfy({ (33...126).contains($0) && !forbidden.contains($0) })
        else {
            report(.wrongType(key: key, expected: "an address (local-part@domain, printable ASCII)", found: "\"\(text)\""), at: node)
            return nil
        }
        return text
    }

    /// The folder names, at least one, none empty.
    private mutating func folderList(_ node: YAMLNode) -> [String]? {
        guard let items = items(node, key: "mailflow.folders") else { return nil }
        guard !items.isEmpty else {
            report(.emptyValue(key: "mailflow.folders"), at: node)
            return nil
        }
        var names: [String] = []
        for item in items {
            guard let name = nonEmptyString(item, key: "mailflow.folders") else { return nil }
            names.append(name)
        }
        return names
    }

    /// A duration above zero and at most a day.
    private mutating func boundedDuration(_ node: YAMLNode, key: String) -> Duration? {
        guard let value = duration(node, key: key) else { return nil }
        guard value > .zero, value <= ProbeSettings.maxTimeout else {
            report(.valueOutOfRange(key: key, value: PrometheusDuration.format(value), bounds: "above 0 and at most 1d"), at: node)
            return nil
        }
        return value
    }
}
