extension LoadedConfiguration: CustomStringConvertible {
    /// The effective configuration as YAML, for `imapwatch config check`: modules (with the defaults applied
    /// where they set something), then every target with every key resolved, then the alerts. Secrets appear
    /// only as references (`password_file: /path`, `password_env: NAME`, `url_file: /path`,
    /// `Authorization: {env: NAME}`) or as `<redacted>` (`password:`, a header value written in the file); the
    /// text loads again.
    public var redactedDescription: String {
        let renderer = EffectiveConfigRenderer()
        let modules: [(YAMLNode, YAMLNode)] = document.modules.compactMap { module in
            guard let target = adHocTarget(name: module.name, host: .reservedInvalid, port: nil, module: module.name) else {
                return nil
            }
            let merged = module.layer.overlaying(document.defaults)
            var pairs = renderer.probeKeys(target) { merged.origins[$0] != nil }
            if let port = merged.port { pairs.insert((renderer.key("port"), renderer.plain(String(port))), at: 0) }
            if let hosts = module.layer.probeHosts {
                pairs.append((renderer.key("probe_hosts"), YAMLNode(hosts.map { renderer.string($0.description) })))
            }
            return (renderer.key(module.name), YAMLNode(pairs))
        }
        var root: [(YAMLNode, YAMLNode)] = []
        if !modules.isEmpty { root.append((renderer.key("modules"), YAMLNode(modules))) }
        // A target's alert policy is shown where it matters: with an `alerts:` section, or where it is not the
        // built-in one (so the text still loads to the same targets).
        let targetNodes = targets.map { target in
            renderer.target(target, showsAlertPolicy: alerting != nil || target.alertPolicy != AlertPolicy())
        }
        root.append((renderer.key("targets"), YAMLNode(targetNodes)))
        if let alerting { root.append((renderer.key("alerts"), renderer.alerts(alerting))) }
        let body = (try? YAMLEmitter(indent: 2, width: -1).serialize(YAMLNode(root))) ?? "# (the configuration could not be rendered)\n"
        return "# effective configuration; secrets redacted\n" + body
    }

    public var description: String { redactedDescription }
}
