/// One target as the daemon runs it: defaults, its module and its own keys resolved, secrets still references.
public struct TargetConfiguration: Sendable, Hashable {
    /// The unique target name (the `target` label).
    public var name: String
    /// The module it was built from, if any.
    public var module: String?
    /// Extra labels for all its series, sorted by name (label order matters to Prometheus).
    public var labels: [TargetLabel]
    /// How often to probe it.
    public var interval: Duration
    /// The probe settings; `credentials` is always `nil` here: use `probeSettings(environment:)`.
    public var settings: ProbeSettings
    /// Who to log in as, with the secret as a reference; `nil` stops after the greeting (and STARTTLS).
    public var login: LoginConfiguration?
    /// What WARNING and CRITICAL mean for this target.
    public var thresholds: ThresholdSettings
    /// Whether `imap_probe_phase_duration_seconds` is exported for this target (about 190 series each); off unless
    /// asked for. The agent-wide `imapwatch_probe_phase_duration_seconds` counts every target's phases either way.
    ///
    /// An exposition setting, not a probe setting: the probe times every phase either way.
    public var phaseHistograms: Bool
    /// How its alerts behave (flap control, conditions held to); used only when the file has `alerts:`.
    public var alertPolicy: AlertPolicy
    /// Its `mailflow:` mapping: the target is a mail-flow loop (its host, port, TLS and login are the mailbox's);
    /// nil for a probe.
    public var mailFlow: MailFlowConfiguration?

    /// A resolved target.
    public init(
        name: String,
        module: String? = nil,
        labels: [TargetLabel] = [],
        interval: Duration = .seconds(60),
        settings: ProbeSettings,
        login: LoginConfiguration? = nil,
        thresholds: ThresholdSettings = ThresholdSettings(),
        phaseHistograms: Bool = false,
        alertPolicy: AlertPolicy = AlertPolicy(),
        mailFlow: MailFlowConfiguration? = nil
    ) {
        self.name = name
        self.module = module
        self.labels = labels.sorted()
        self.interval = interval
        self.settings = settings
        self.login = login
        self.thresholds = thresholds
        self.phaseHistograms = phaseHistograms
        self.alertPolicy = alertPolicy
        self.mailFlow = mailFlow
    }

    /// The settings for one probe, with the secret read now (so a rotated token file is picked up).
    public func probeSettings(environment: [String: String]) throws(SecretReference.ReadError) -> ProbeSettings {
        var settings = settings
        settings.credentials = try login?.credentials(environment: environment)
        return settings
    }

    /// The semantic problems of these values (ranges, timeout below interval, threshold order, credentials).
    ///
    /// The loader runs the same checks with positions; use this for targets built in code (an ad-hoc `/probe`).
    public func validate() -> [ConfigProblem] {
        SettingsRules.violations(of: rulesInput).map(\.problem)
    }

    var rulesInput: SettingsRules.Input {
        let secretKey: String? =
            switch login?.secret {
            case nil: nil
            case .file?: (login?.mechanism?.usesBearerToken ?? false) ? "token_file" : "password_file"
            case .environment?: "password_env"
            case .inline?: "password"
            }
        return SettingsRules.Input(
            port: settings.port, tlsMode: settings.tlsMode, interval: interval, timeout: settings.timeout,
            fetchBytes: settings.fetchBytes, username: login?.username, secretKey: secretKey,
            mechanism: login?.mechanism, allowPlaintextAuth: settings.allowPlaintextAuth, thresholds: thresholds)
    }
}
