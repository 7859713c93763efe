extension NodeReader {
    /// One item of `alerts.receivers:` as read: its name and where it is written (kept even when the rest is
    /// broken, so routes to it are not also reported), and the receiver when name, type and URL are usable.
    struct ReadReceiver {
        var name: String
        var nameLocation: SourceLocation
        var receiver: ReceiverConfiguration?
    }

    /// Reads one receiver; `nil` when it has no usable name (reported).
    mutating func readReceiver(_ node: YAMLNode) -> ReadReceiver? {
        guard let entries = entries(node, key: "a receiver") else { return nil }
        let nameValue = entries.first { $0.name == "name" }?.value
        let name = nameValue.flatMap { validName($0, key: "name", .receiverName) }
        let section = name.map { "receiver '\($0)'" } ?? "a receiver"
        var kind: ReceiverConfiguration.Kind?
        var url: SecretReference?
        var urlKey: String?
        // Every optional key lands here; kind and URL are set once both are known to be usable.
        var fields = ReceiverConfiguration(name: name ?? "", kind: .webhook, url: .environment(variable: ""))
        var connectTimeout: (value: Duration, node: YAMLNode)?
        var typeOnlyKeys: [(key: String, node: YAMLNode)] = []
        for (key, keyNode, value) in entries {
            switch key {
            case "name": continue
            case "type": kind = choice(value, key: key, as: ReceiverConfiguration.Kind.self)
            case "url": report(.inlineURL(key: key), at: keyNode)
            case "url_file", "url_env":
                if let urlKey {
                    report(.conflictingSecrets(key: key, other: urlKey), at: value)
                    continue
                }
                urlKey = key
                url = nonEmptyString(value, key: key).flatMap {
                    secretReference($0, at: value, key: key, source: key == "url_env" ? .environment : .file)
                }
            case "timeout": if let timeout = positiveDuration(value, key: key) { fields.timeout = timeout }
            case "connect_timeout": connectTimeout = positiveDuration(value, key: key).map { ($0, value) }
            case "headers": fields.headers = readHeaders(value)
            case "topic":
                fields.topic = validName(value, key: key, .ntfyTopic)
            case "template_file":
                fields.templateFile = nonEmptyString(value, key: key).flatMap { checkedFile($0, key: key, at: value) }
            case "content_type":
                fields.contentType = validName(value, key: key, .mediaType)
            default:
                reportUnknown(key, at: keyNode, section: section, known: AlertKeys.receiver)
            }
            if AlertKeys.typeOnly[key] != nil { typeOnlyKeys.append((key, keyNode)) }
        }
        let given = Set(entries.map(\.name))
        for required in ["name", "type"] where !given.contains(required) {
            report(.missingKey(key: required, section: section), at: node)
        }
        if urlKey == nil, !given.contains("url") {
            report(.missingOneOf(keys: ["url_file", "url_env"], section: section), at: node)
        }
        if let kind { checkTypeOnlyKeys(typeOnlyKeys, kind: kind, given: given, section: section, at: node) }
        // Unset, the connect timeout is the built-in one or the whole timeout, whichever is shorter.
        fields.connectTimeout = connectTimeout?.value ?? min(ReceiverConfiguration.defaultConnectTimeout, fields.timeout)
        if let connectTimeout, connectTimeout.value > fields.timeout {
            let problem = ConfigProblem.connectTimeoutAboveTimeout(
                connectTimeout: PrometheusDuration.format(connectTimeout.value),
                timeout: PrometheusDuration.format(fields.timeout))
            report(problem, at: connectTimeout.node)
        }
        guard let name, let nameValue else { return nil }
        var receiver: ReceiverConfiguration?
        if let kind, let url {
            fields.kind = kind
            fields.url = url
            receiver = fields
        }
        return ReadReceiver(name: name, nameLocation: location(nameValue), receiver: receiver)
    }

    /// `topic` only on ntfy (and required there), `template_file` and `content_type` only on template
    /// (`template_file` required there).
    private mutating func checkTypeOnlyKeys(
        _ keys: [(key: String, node: YAMLNode)], kind: ReceiverConfiguration.Kind, given: Set<String>, section: String,
        at node: YAMLNode
    ) {
        for (key, keyNode) in keys {
            guard let takenBy = AlertKeys.typeOnly[key], takenBy != kind else { continue }
            report(.keyNotForReceiverType(key: key, type: kind.rawValue, takenBy: takenBy.rawValue), at: keyNode)
        }
        let required: [ReceiverConfiguration.Kind: String] = [.ntfy: "topic", .template: "template_file"]
        if let key = required[kind], !given.contains(key) {
            report(.missingKey(key: key, section: "\(section) of type \(kind.rawValue)"), at: node)
        }
    }

    /// A duration above zero, or `nil` after reporting.
    private mutating func positiveDuration(_ node: YAMLNode, key: String) -> Duration? {
        guard let value = duration(node, key: key) else { return nil }
        guard value > .zero else {
            report(.valueOutOfRange(key: key, value: PrometheusDuration.format(value), bounds: "more than 0s"), at: node)
            return nil
        }
        return value
    }

    /// A string of `syntax`, or `nil` after reporting it.
    private mutating func validName(_ node: YAMLNode, key: String, _ syntax: NameSyntax) -> String? {
        guard let text = nonEmptyString(node, key: key) else { return nil }
        guard syntax.isValid(text) else {
            report(.invalidName(key: key, value: text, kind: syntax.kind, rule: syntax.rule), at: node)
            return nil
        }
        return text
    }
}
