/// Renders resolved settings as configuration YAML: secrets as references, an inline password as `<redacted>`.
///
/// The output is itself a loadable configuration (modules, then targets with every key written out), so
/// `config check` shows exactly what the daemon will run.
struct EffectiveConfigRenderer {
    /// The text written in place of an inline secret.
    static let redacted = "<redacted>"

    /// A target's keys, identity first; its `alerting:` keys only when `showsAlertPolicy`.
    func target(_ target: TargetConfiguration, showsAlertPolicy: Bool) -> YAMLNode {
        var pairs: [(YAMLNode, YAMLNode)] = [
            (key("name"), string(target.name)),
            (key("host"), string(target.settings.host.text)),
            (key("port"), plain(String(target.settings.port))),
        ]
        if let module = target.module { pairs.append((key("module"), string(module))) }
        if !target.labels.isEmpty {
            pairs.append((key("labels"), YAMLNode(target.labels.map { (key($0.name), string($0.value)) })))
        }
        pairs.append((key("interval"), plain(PrometheusDuration.format(target.interval))))
        // A loop runs no mailbox phases: their keys are not written (the loader refuses them on a loop).
        pairs += probeKeys(target) { path in
            (showsAlertPolicy || !path.hasPrefix("alerting."))
                && (target.mailFlow == nil || !ConfigKeys.mailboxPhaseKeys.contains(path))
        }
        if let mailFlow = target.mailFlow { pairs.append((key("mailflow"), self.mailFlow(mailFlow))) }
        return YAMLNode(pairs)
    }

    /// A loop's `mailflow:` mapping, every value written out; the submission secret as its reference.
    private func mailFlow(_ flow: MailFlowConfiguration) -> YAMLNode {
        var pairs: [(String, YAMLNode)] = []
        if let host = flow.host { pairs.append(("smtp_host", string(host.text))) }
        pairs += [("smtp_port", plain(String(flow.port))), ("smtp_tls", plain(flow.tls.rawValue))]
        if let name = flow.serverName { pairs.append(("smtp_sni", string(name.text))) }
        if let login = flow.login {
            pairs.append(("smtp_username", string(login.username)))
            switch login.secret {
            case .file(let path): pairs.append(("smtp_password_file", string(path)))
            case .environment(let variable): pairs.append(("smtp_password_env", string(variable)))
            case .inline: pairs.append(("smtp_password_file", string(Self.redacted)))
            }
        }
        if let from = flow.from { pairs.append(("from", string(from))) }
        if let to = flow.to { pairs.append(("to", string(to))) }
        pairs.append(("folders", YAMLNode(flow.folders.map { string($0) }, style: .flow)))
        pairs.append(("wait", plain(PrometheusDuration.format(flow.wait))))
        if let late = flow.lateAfter { pairs.append(("late_after", plain(PrometheusDuration.format(late)))) }
        pairs.append(("ehlo_name", string(flow.ehloName)))
        return YAMLNode(pairs.map { (key($0.0), $0.1) })
    }

    /// The probe keys of a resolved target or module, keeping only those `isSet` accepts (by setting path).
    func probeKeys(_ target: TargetConfiguration, isSet: (String) -> Bool) -> [(YAMLNode, YAMLNode)] {
        let settings = target.settings
        var pairs: [(String, YAMLNode)] = [("tls", plain(settings.tlsMode.rawValue))]
        if let mechanism = target.login?.mechanism { pairs.append(("auth", plain(mechanism.rawValue))) }
        if let login = target.login {
            pairs.append(("username", string(login.username)))
            switch login.secret {
            case .file(let path):
                let name = (login.mechanism?.usesBearerToken ?? false) ? "token_file" : "password_file"
                pairs.append((name, string(path)))
            case .environment(let variable): pairs.append(("password_env", string(variable)))
            case .inline: pairs.append(("password", string(Self.redacted)))
            }
        }
        if let caFile = settings.caFile { pairs.append(("ca_file", string(caFile))) }
        if let sni = settings.serverName { pairs.append(("sni", string(sni.text))) }
        pairs.append(("insecure", plain(String(settings.insecure))))
        if let version = settings.minimumTLSVersion { pairs.append(("tls_min", string(version.rawValue))) }
        pairs += [
            ("allow_plaintext_auth", plain(String(settings.allowPlaintextAuth))),
            ("mailbox", string(settings.mailbox)),
            ("select", plain(String(settings.selectReadWrite))),
            ("fetch_bytes", plain(String(settings.fetchBytes))),
            ("require_message", plain(String(settings.requireMessage))),
            ("quota", plain(String(settings.checkQuota))),
            ("phase_histograms", plain(String(target.phaseHistograms))),
            ("timeout", plain(PrometheusDuration.format(settings.timeout))),
        ]
        var kept = pairs.filter { name, _ in isSet(ConfigKeys.secrets.contains(name) ? "secret" : name) }
        if let thresholds = thresholds(target.thresholds, isSet: isSet) { kept.append(("thresholds", thresholds)) }
        if let alerting = alertPolicy(target.alertPolicy, isSet: isSet) { kept.append(("alerting", alerting)) }
        return kept.map { (key($0.0), $0.1) }
    }

    private func thresholds(_ thresholds: ThresholdSettings, isSet: (String) -> Bool) -> YAMLNode? {
        var pairs: [(YAMLNode, YAMLNode)] = []
        func pair(_ path: String, _ warning: String?, _ critical: String?) -> YAMLNode? {
            var limits: [(YAMLNode, YAMLNode)] = []
            if let warning, isSet("thresholds.\(path).warning") { limits.append((key("warning"), plain(warning))) }
            if let critical, isSet("thresholds.\(path).critical") { limits.append((key("critical"), plain(critical))) }
            return limits.isEmpty ? nil : YAMLNode(limits)
        }
        let format = PrometheusDuration.format
        if let days = pair("certificate_days", String(thresholds.certificateDaysWarning),
                           String(thresholds.certificateDaysCritical)) {
            pairs.append((key("certificate_days"), days))
        }
        if let quota = pair("quota_percent", SettingsRules.format(thresholds.quotaPercentWarning),
                            SettingsRules.format(thresholds.quotaPercentCritical)) {
            pairs.append((key("quota_percent"), quota))
        }
        if let total = pair("total", thresholds.total.warning.map(format), thresholds.total.critical.map(format)) {
            pairs.append((key("total"), total))
        }
        let phases: [(YAMLNode, YAMLNode)] = ThresholdSettings.phaseNames.compactMap { name in
            guard let limits = thresholds.phases[name],
                let node = pair("phases.\(name)", limits.warning.map(format), limits.critical.map(format))
            else { return nil }
            return (key(name), node)
        }
        if !phases.isEmpty { pairs.append((key("phases"), YAMLNode(phases))) }
        return pairs.isEmpty ? nil : YAMLNode(pairs)
    }

    func key(_ text: String) -> YAMLNode { string(text) }

    /// A scalar written plain: numbers, booleans, durations and enum values.
    func plain(_ text: String) -> YAMLNode { YAMLNode(text, style: .plain) }

    /// A string value, quoted when plain YAML would read it as something else (null, a number, a boolean).
    func string(_ text: String) -> YAMLNode {
        let ambiguous = text.isEmpty || text.first == " " || text.last == " "
            || ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(text.lowercased())
            || Double(text) != nil || text.first.map { "0123456789+-.".contains($0) } == true
        return YAMLNode(text, style: ambiguous ? .doubleQuoted : .any)
    }
}
