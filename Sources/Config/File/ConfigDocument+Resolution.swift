extension ConfigDocument {
    /// The built-in defaults: every probe and scheduling value no layer sets.
    enum BuiltIn {
        static let interval = Duration.seconds(60)
        /// A mail-flow loop's: a message every five minutes.
        static let mailFlowInterval = Duration.seconds(300)
        static let timeout = Duration.seconds(10)
        static let phaseHistograms = false
    }

    /// Resolves every target (its own keys over its module over `defaults:`) and checks defaults, modules and
    /// targets against the semantic rules, blaming the most specific place that set an offending value.
    func resolveTargets(log: inout DiagnosticLog) -> [TargetConfiguration] {
        if let location = defaultsLocation {
            check(defaults, interval: false, fallback: location, log: &log)
        }
        for module in modules {
            check(module.layer.overlaying(defaults), interval: false, fallback: module.location, log: &log)
        }
        return targets.map { target in
            var merged = merged(target)
            if target.mailFlow != nil, merged.interval == nil { merged.interval = BuiltIn.mailFlowInterval }
            check(merged, interval: true, fallback: target.location, log: &log)
            var configuration = Self.configuration(
                name: target.name, host: target.host, module: target.module?.name, labels: target.labels, merged)
            if let (mailFlow, location) = target.mailFlow {
                configuration.mailFlow = mailFlow
                Self.checkLoop(configuration, mailFlow, at: location, log: &log)
            }
            return configuration
        }
    }

    /// A loop must log in to its mailbox, and finish (both sessions' timeouts and the wait) before its next run.
    private static func checkLoop(
        _ target: TargetConfiguration, _ mailFlow: MailFlowConfiguration, at location: SourceLocation,
        log: inout DiagnosticLog
    ) {
        if target.login == nil {
            log.add(.missingKey(key: "username and a password", section: "a mail-flow target (its mailbox)"), at: location)
        }
        let longest = target.settings.timeout * 2 + mailFlow.wait
        if longest >= target.interval {
            log.add(
                .timeoutNotBelowInterval(
                    timeout: "2 × timeout + mailflow.wait = \(PrometheusDuration.format(longest))",
                    interval: PrometheusDuration.format(target.interval)), at: location)
        }
    }

    /// A target's keys over its module's over the defaults.
    func merged(_ target: TargetEntry) -> ProbeLayer {
        let moduleLayer = target.module.flatMap { module(named: $0.name) }?.layer ?? ProbeLayer()
        return target.layer.overlaying(moduleLayer).overlaying(defaults)
    }

    private func check(_ layer: ProbeLayer, interval: Bool, fallback: SourceLocation, log: inout DiagnosticLog) {
        var input = Self.rulesInput(layer)
        if !interval { input.interval = nil }
        for violation in SettingsRules.violations(of: input) {
            let origin = layer.blame(violation.keys)
            // Only built-in values involved cannot break a rule; blame the section to be safe.
            log.add(violation.problem, at: origin?.location ?? fallback)
        }
    }

    static func rulesInput(_ layer: ProbeLayer) -> SettingsRules.Input {
        SettingsRules.Input(
            port: layer.port, tlsMode: layer.tls, interval: layer.interval ?? BuiltIn.interval,
            timeout: layer.timeout ?? BuiltIn.timeout, fetchBytes: layer.fetchBytes ?? 1024,
            username: layer.username, secretKey: layer.secretKey, mechanism: layer.auth,
            allowPlaintextAuth: layer.allowPlaintextAuth ?? false, thresholds: layer.thresholds)
    }

    /// The resolved target for merged settings; the port defaults by TLS mode (implicit 993, else 143).
    static func configuration(
        name: String, host: ServerHost, module: String?, labels: [TargetLabel], _ layer: ProbeLayer
    ) -> TargetConfiguration {
        let port = layer.port ?? (layer.tls == nil || layer.tls == .implicit ? 993 : 143)
        let builtIn = ProbeSettings(host: host, port: port)
        let settings = ProbeSettings(
            host: host,
            port: port,
            tlsMode: layer.tls,
            serverName: layer.sni,
            caFile: layer.caFile,
            insecure: layer.insecure ?? builtIn.insecure,
            minimumTLSVersion: layer.tlsMin,
            credentials: nil,
            allowPlaintextAuth: layer.allowPlaintextAuth ?? builtIn.allowPlaintextAuth,
            mailbox: layer.mailbox ?? builtIn.mailbox,
            selectReadWrite: layer.select ?? builtIn.selectReadWrite,
            fetchBytes: layer.fetchBytes ?? builtIn.fetchBytes,
            requireMessage: layer.requireMessage ?? builtIn.requireMessage,
            checkQuota: layer.quota ?? builtIn.checkQuota,
            timeout: layer.timeout ?? BuiltIn.timeout)
        let login = layer.username.flatMap { username in
            layer.secret.map { LoginConfiguration(username: username, secret: $0, mechanism: layer.auth) }
        }
        return TargetConfiguration(
            name: name, module: module, labels: labels, interval: layer.interval ?? BuiltIn.interval,
            settings: settings, login: login, thresholds: layer.thresholds,
            phaseHistograms: layer.phaseHistograms ?? BuiltIn.phaseHistograms, alertPolicy: layer.alerting.policy)
    }
}
