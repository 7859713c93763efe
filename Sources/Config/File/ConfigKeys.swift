/// The keys each section of the file accepts, in the order the example file documents them.
enum ConfigKeys {
    static let topLevel = ["defaults", "modules", "targets", "alerts"]

    /// The keys of a module; a target accepts them too.
    static let probe = [
        "tls", "port", "auth", "username", "password_file", "password_env", "token_file", "password",
        "ca_file", "sni", "insecure", "tls_min", "allow_plaintext_auth", "mailbox", "select", "fetch_bytes",
        "require_message", "quota", "phase_histograms", "timeout", "thresholds", "alerting",
    ]

    /// The keys of `defaults:`: the probe keys that make sense for every target, plus `interval`.
    static let defaults = [
        "interval", "timeout", "tls", "tls_min", "ca_file", "mailbox", "select", "fetch_bytes", "require_message",
        "quota", "phase_histograms", "thresholds", "alerting",
    ]

    /// The keys of a target: its identity, then any probe key to override its module.
    static let target = ["name", "host", "port", "module", "labels", "interval", "mailflow"] + probe.filter { $0 != "port" }

    /// The keys of a target's `mailflow:` mapping (the mail-flow loop's submission side and its wait).
    static let mailFlow = [
        "smtp_host", "smtp_port", "smtp_tls", "smtp_sni", "smtp_username", "smtp_password_file", "smtp_password_env",
        "from", "to", "folders", "wait", "late_after", "ehlo_name",
    ]

    /// The probe keys of the mailbox phases, which a mail-flow target does not run.
    static let mailboxPhaseKeys = ["mailbox", "select", "fetch_bytes", "require_message", "quota"]

    /// The keys of a module: the probe keys, and the hosts `/probe` may send the module's credentials to.
    static let module = probe + ["probe_hosts"]

    static let thresholds = ["certificate_days", "quota_percent", "total", "phases"]

    static let limits = ["warning", "critical"]

    /// The keys that name a secret; at most one per mapping.
    static let secrets: Set<String> = ["password_file", "password_env", "token_file", "password"]

    /// Where a key that is known but misplaced belongs, for the hint.
    static func home(of key: String) -> String? {
        switch key {
        case "interval": "defaults or a target"
        case "name", "host", "module", "labels", "mailflow": "a target"
        case "probe_hosts": "a module"
        case _ where probe.contains(key) && key != "alerting": "a module or a target"
        default: AlertKeys.home(of: key)
        }
    }
}
