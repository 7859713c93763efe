import Prober

/// Every metric family imapwatch exports, in one place.
///
/// Per-target families carry `target`, `host`, `port`, `tls` and the target's own labels, then their own label
/// names. Units are base units (seconds, bytes); timestamps are Unix seconds.
public enum MetricCatalog {
    /// Histogram buckets for probe phases: 1 ms … 30 s.
    public static let phaseBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .microseconds(2_500_000), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// Histogram buckets for schedule lag: 100 µs … 10 s.
    public static let lagBuckets: [Duration] = [
        .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(5), .seconds(10),
    ]

    // MARK: Per target

    /// 1 if the last probe succeeded, 0 if it failed.
    public static let probeSuccess = MetricFamily(
        "imap_probe_success", .gauge, perTarget: true,
        help: "Whether the last probe of the target succeeded (1) or failed (0).")
    /// Total duration of the last probe.
    public static let probeDuration = MetricFamily(
        "imap_probe_duration_seconds", .gauge, perTarget: true,
        help: "Duration of the last probe of the target, in seconds.")
    /// When the last probe started.
    public static let probeLastRun = MetricFamily(
        "imap_probe_last_run_timestamp_seconds", .gauge, perTarget: true,
        help: "When the last probe of the target started, as Unix time in seconds.")
    /// Last duration of each phase that ran; a phase that did not run has no sample.
    public static let phaseSeconds = MetricFamily(
        "imap_probe_phase_seconds", .gauge, perTarget: true, labels: ["phase"],
        help: "Duration of each phase of the last probe that ran, in seconds; phases that did not run have no sample.")
    /// Every phase that ran, since the agent started.
    public static let phaseDuration = MetricFamily(
        "imap_probe_phase_duration_seconds", .histogram(buckets: phaseBuckets), perTarget: true, labels: ["phase"],
        help: "Durations of probe phases that ran, in seconds, since the agent started.")
    /// Failed probes by the phase that failed and the reason code.
    public static let failures = MetricFamily(
        "imap_probe_failures_total", .counter, perTarget: true, labels: ["phase", "reason"],
        help: "Failed probes of the target, by the phase that failed and the reason code.")
    /// The leaf certificate's notAfter.
    public static let certNotAfter = MetricFamily(
        "imap_tls_cert_not_after_timestamp_seconds", .gauge, perTarget: true,
        help: "notAfter of the server's leaf certificate in the last probe, as Unix time in seconds.")
    /// The earliest notAfter of the chain clients use.
    public static let chainEarliestNotAfter = MetricFamily(
        "imap_tls_cert_chain_earliest_not_after_timestamp_seconds", .gauge, perTarget: true,
        help: "Earliest notAfter on the verified certificate path (the presented chain if none verified) in the last probe, as Unix time in seconds.")
    /// Whether the chain and host name verified.
    public static let certVerified = MetricFamily(
        "imap_tls_cert_verified", .gauge, perTarget: true,
        help: "Whether the certificate chain and host name verified in the last probe (1) or not (0).")
    /// The negotiated TLS version and cipher, value 1.
    public static let tlsInfo = MetricFamily(
        "imap_tls_info", .gauge, perTarget: true, labels: ["version", "cipher"],
        help: "The TLS version and cipher negotiated in the last probe; value 1.")
    /// STORAGE usage per quota root.
    public static let quotaUsageBytes = MetricFamily(
        "imap_quota_usage_bytes", .gauge, perTarget: true, labels: ["root"],
        help: "Storage used under the quota root in the last probe, in bytes.")
    /// STORAGE limit per quota root.
    public static let quotaLimitBytes = MetricFamily(
        "imap_quota_limit_bytes", .gauge, perTarget: true, labels: ["root"],
        help: "Storage limit of the quota root in the last probe, in bytes.")
    /// MESSAGE usage per quota root.
    public static let quotaUsageMessages = MetricFamily(
        "imap_quota_usage_messages", .gauge, perTarget: true, labels: ["root"],
        help: "Messages counted under the quota root in the last probe.")
    /// MESSAGE limit per quota root.
    public static let quotaLimitMessages = MetricFamily(
        "imap_quota_limit_messages", .gauge, perTarget: true, labels: ["root"],
        help: "Message limit of the quota root in the last probe.")
    /// Quota roots past `QuotaFacts.maximumRoots` in the last answer: counted, never exported.
    public static let quotaRootsDropped = MetricFamily(
        "imap_quota_roots_dropped", .gauge, perTarget: true,
        help: "Quota roots the server reported in the last probe beyond the first \(QuotaFacts.maximumRoots), which "
            + "alone are kept and exported; 0 when every root fitted.")
    /// Resources past `QuotaFacts.maximumResources` in a kept root of the last answer: counted, never exported.
    public static let quotaResourcesDropped = MetricFamily(
        "imap_quota_resources_dropped", .gauge, perTarget: true,
        help: "Resources of the kept quota roots reported in the last probe beyond the first "
            + "\(QuotaFacts.maximumResources) of each root, which alone are kept; 0 when every resource fitted.")
    /// EXISTS of the probed mailbox.
    public static let mailboxMessages = MetricFamily(
        "imap_mailbox_messages", .gauge, perTarget: true,
        help: "Messages in the probed mailbox (EXISTS) in the last probe.")
    /// Whether a STARTTLS target offered STARTTLS.
    public static let starttlsOffered = MetricFamily(
        "imap_starttls_offered", .gauge, perTarget: true,
        help: "Whether the server advertised STARTTLS in the last probe (1) or not (0); STARTTLS targets only.")
    /// A watched capability the server advertised, value 1.
    public static let capabilityInfo = MetricFamily(
        "imap_capability_info", .gauge, perTarget: true, labels: ["capability"],
        help: "A watched capability (IMAP4rev2, IDLE, QUOTA, LOGINDISABLED, STARTTLS) the server advertised before or after login in the last probe; value 1.")

    // MARK: The agent

    /// The agent's version and revision, value 1.
    public static let buildInfo = MetricFamily(
        "imapwatch_build_info", .gauge, perTarget: false, labels: ["version", "revision"],
        help: "The imapwatch version and source revision; value 1.")
    /// Probes finished, by result.
    public static let probesTotal = MetricFamily(
        "imapwatch_probes_total", .counter, perTarget: false, labels: ["result"],
        help: "Probes finished since the agent started, by result (success or failure).")
    /// Probes running now.
    public static let probesInFlight = MetricFamily(
        "imapwatch_probes_in_flight", .gauge, perTarget: false,
        help: "Probes running now.")
    /// Scheduled start to actual start.
    public static let scheduleLag = MetricFamily(
        "imapwatch_schedule_lag_seconds", .histogram(buckets: lagBuckets), perTarget: false,
        help: "Delay from a probe's scheduled start to its actual start, in seconds.")
    /// Every phase that ran, of every target, since the agent started; by module, not by target.
    public static let agentPhaseDuration = MetricFamily(
        "imapwatch_probe_phase_duration_seconds", .histogram(buckets: phaseBuckets), perTarget: false,
        labels: ["module", "phase"],
        help: "Durations of probe phases that ran, of every target of the agent, in seconds, by the targets' module "
            + "(empty for targets without one) and phase.")
    /// Slots skipped because the target's previous probe was still running or waiting.
    public static let slotsSkipped = MetricFamily(
        "imapwatch_schedule_slots_skipped_total", .counter, perTarget: false,
        help: "Scheduled probe slots skipped because the target's previous probe was still running or waiting for the concurrency cap, or the scheduler woke too late for them.")
    /// Targets configured for this agent (its shard).
    public static let targets = MetricFamily(
        "imapwatch_targets", .gauge, perTarget: false,
        help: "Targets this agent probes (after sharding).")
    /// Whether the last configuration load (start or reload) succeeded.
    public static let configReloadSuccessful = MetricFamily(
        "imapwatch_config_last_reload_successful", .gauge, perTarget: false,
        help: "Whether the last attempt to load the configuration (at start, SIGHUP or POST /-/reload) succeeded (1) or was rejected (0).")
    /// When the configuration last loaded successfully.
    public static let configReloadSuccessTimestamp = MetricFamily(
        "imapwatch_config_last_reload_success_timestamp_seconds", .gauge, perTarget: false,
        help: "When the configuration last loaded successfully, as Unix time in seconds.")

    /// Notifications by receiver and what became of them.
    public static let notificationsTotal = MetricFamily(
        "imapwatch_notifications_total", .counter, perTarget: false, labels: ["receiver", "result"],
        help: "Alert notifications by receiver and result: delivered (2xx), retried (an attempt failed; tried again later), rejected (refused for good), dropped (the queue was full), invalid (the body could not be written).")
    /// Notifications waiting for delivery.
    public static let notificationQueueLength = MetricFamily(
        "imapwatch_notification_queue_length", .gauge, perTarget: false, labels: ["receiver"],
        help: "Alert notifications waiting in the durable queue for delivery, by receiver.")
    /// Time of each delivery attempt.
    public static let notificationDelivery = MetricFamily(
        "imapwatch_notification_delivery_seconds", .histogram(buckets: deliveryBuckets), perTarget: false,
        labels: ["receiver"],
        help: "Duration of each delivery attempt of an alert notification, in seconds, by receiver.")
    /// Alerts by state and severity.
    public static let alerts = MetricFamily(
        "imapwatch_alerts", .gauge, perTarget: false, labels: ["state", "severity"],
        help: "Alerts firing, and pending (seen bad, below failure_threshold), by the severity of their latest bad probe.")

    /// Blocking work running on each executor.
    public static let executorRunning = MetricFamily(
        "imapwatch_executor_running", .gauge, perTarget: false, labels: ["executor"],
        help: "Blocking calls running now on each executor of the agent: resolver (name lookups), auth (bcrypt password checks), delivery (webhook sends).")
    /// Blocking work waiting on each executor.
    public static let executorQueued = MetricFamily(
        "imapwatch_executor_queued", .gauge, perTarget: false, labels: ["executor"],
        help: "Blocking calls waiting for a place on each executor of the agent.")
    /// Blocking work each executor refused.
    public static let executorRejected = MetricFamily(
        "imapwatch_executor_rejected_total", .counter, perTarget: false, labels: ["executor"],
        help: "Blocking calls each executor of the agent refused at once because its places and its queue were full.")

    /// Histogram buckets for delivery attempts: 10 ms … 30 s.
    public static let deliveryBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .microseconds(2_500_000), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// Every family, per-target first.
    public static let all: [MetricFamily] = [
        probeSuccess, probeDuration, probeLastRun, phaseSeconds, phaseDuration, failures, certNotAfter,
        chainEarliestNotAfter, certVerified, tlsInfo, quotaUsageBytes, quotaLimitBytes, quotaUsageMessages,
        quotaLimitMessages, quotaRootsDropped, quotaResourcesDropped, mailboxMessages, starttlsOffered, capabilityInfo, buildInfo, probesTotal,
        probesInFlight, agentPhaseDuration, scheduleLag, slotsSkipped, targets, configReloadSuccessful, configReloadSuccessTimestamp,
        notificationsTotal, notificationQueueLength, notificationDelivery, alerts, executorRunning, executorQueued,
        executorRejected,
    ]

    /// The per-target families, in export order.
    static let perTarget: [MetricFamily] = all.filter(\.isPerTarget)

    /// The position of each per-target family in `perTarget`, by name.
    static let perTargetIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: perTarget.enumerated().map { ($0.element.name, $0.offset) })

    /// The `# HELP` and `# TYPE` lines of each family of `perTarget`.
    static let perTargetHeaders: [[UInt8]] = perTarget.map { family in
        var header: [UInt8] = []
        ExpositionText.appendHeader(of: family, to: &header)
        return header
    }

    /// Where `failures` sits in `perTarget`.
    static let failuresIndex = perTargetIndex[failures.name] ?? -1

    /// Where `phaseDuration` sits in `perTarget`.
    static let phaseDurationIndex = perTargetIndex[phaseDuration.name] ?? -1

    /// The `le` label values of `phaseBuckets`, as swift-prometheus writes them.
    static let phaseBucketLabels: [String] = phaseBuckets.map { ExpositionText.seconds($0) }

    /// Every label name a per-target family sets itself, and the text format's own (`le`, `quantile`); a target's
    /// own label with one of these names is not exported. (The agent's own series carry no target label.)
    public static let ownLabelNames: Set<String> = Set(
        ["target", "host", "port", "tls", "le", "quantile"] + perTarget.flatMap(\.labelNames))
}
