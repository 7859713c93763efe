extension EffectiveConfigRenderer {
    /// The `alerts:` section: every key with its resolved value, URLs and header values by reference only (a
    /// header value written in the file as `<redacted>`).
    func alerts(_ alerting: AlertingConfiguration) -> YAMLNode {
        var pairs: [(YAMLNode, YAMLNode)] = [
            (key("group_wait"), plain(PrometheusDuration.format(alerting.groupWait))),
            (key("queue_capacity"), plain(String(alerting.queueCapacity))),
            (key("receivers"), YAMLNode(alerting.receivers.map(receiver))),
        ]
        if !alerting.routes.isEmpty { pairs.append((key("routes"), YAMLNode(alerting.routes.map(route)))) }
        return YAMLNode(pairs)
    }

    private func receiver(_ receiver: ReceiverConfiguration) -> YAMLNode {
        let url: (YAMLNode, YAMLNode) =
            switch receiver.url {
            case .file(let path): (key("url_file"), string(path))
            case .environment(let variable): (key("url_env"), string(variable))
            case .inline: (key("url"), string(Self.redacted))  // only a receiver built in code
            }
        var pairs: [(YAMLNode, YAMLNode)] = [
            (key("name"), string(receiver.name)), (key("type"), plain(receiver.kind.rawValue)), url,
            (key("timeout"), plain(PrometheusDuration.format(receiver.timeout))),
            (key("connect_timeout"), plain(PrometheusDuration.format(receiver.connectTimeout))),
        ]
        if !receiver.headers.isEmpty {
            pairs.append((key("headers"), YAMLNode(receiver.headers.map { (key($0.name), headerValue($0.value)) })))
        }
        if let topic = receiver.topic { pairs.append((key("topic"), string(topic))) }
        if let templateFile = receiver.templateFile { pairs.append((key("template_file"), string(templateFile))) }
        if let contentType = receiver.contentType { pairs.append((key("content_type"), string(contentType))) }
        return YAMLNode(pairs)
    }

    /// `{file: /path}` or `{env: NAME}`; a value written in the file is never shown.
    private func headerValue(_ value: SecretReference) -> YAMLNode {
        switch value {
        case .file(let path): YAMLNode([(key("file"), string(path))], style: .flow)
        case .environment(let variable): YAMLNode([(key("env"), string(variable))], style: .flow)
        case .inline: string(Self.redacted)
        }
    }

    private func route(_ route: AlertRoute) -> YAMLNode {
        var pairs: [(YAMLNode, YAMLNode)] = [(key("receiver"), string(route.receiver))]
        if !route.severities.isEmpty {
            let severities = route.severities.sorted()
            pairs.append((key("severity"), severities.count == 1 ? plain(severities[0]) : list(severities.map(plain))))
        }
        if !route.match.isEmpty {
            let match = route.match.sorted { $0.key < $1.key }.map { name, values in
                let sorted = values.sorted()
                return (key(name), sorted.count == 1 ? string(sorted[0]) : list(sorted.map(string)))
            }
            pairs.append((key("match"), YAMLNode(match)))
        }
        return YAMLNode(pairs)
    }

    /// A target's or module's `alerting:` keys that `isSet` accepts (by setting path); `nil` when none is.
    func alertPolicy(_ policy: AlertPolicy, isSet: (String) -> Bool) -> YAMLNode? {
        let tlsVersion = policy.minimumTLSVersion.map { string($0.rawValue) } ?? plain("none")
        let pairs: [(String, YAMLNode)] = [
            ("failure_threshold", plain(String(policy.failureThreshold))),
            ("success_threshold", plain(String(policy.successThreshold))),
            ("send_resolved", plain(String(policy.sendResolved))),
            ("repeat_interval", plain(PrometheusDuration.format(policy.repeatInterval))),
            ("tls_version_min", tlsVersion),
            ("disable", list(policy.disabledConditions.sorted().map(plain))),
        ]
        let kept = pairs.filter { isSet("alerting.\($0.0)") }
        return kept.isEmpty ? nil : YAMLNode(kept.map { (key($0.0), $0.1) })
    }

    /// A list of scalars on one line: `[a, b]`.
    private func list(_ items: [YAMLNode]) -> YAMLNode { YAMLNode(items, style: .flow) }
}
