import Prober

extension StatusPage {
    /// One target's table row; each cell carries its column name for the narrow-screen layout.
    static func row(_ target: TargetStatus, now: Double) -> String {
        let state = target.lastProbe == nil ? "pending" : target.isFailing ? "down" : "up"
        let labels = target.ownLabels.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        var html = "<tr class=\"target \(state)\" data-target=\"\(HTML.escaped(target.name))\">"
        html += cell("Target", "<span class=\"name\">\(HTML.escaped(target.name))</span>"
            + "<span class=\"address\">\(HTML.escaped(target.address)) \(HTML.escaped(target.tlsMode))</span>"
            + (labels.isEmpty ? "" : "<span class=\"labels\">\(HTML.escaped(labels))</span>"))
        html += cell("State", "<span class=\"state \(state)\">\(state)</span>")
        guard let probe = target.lastProbe else {
            html += cell("Last probe", "not yet") + cell("Phases", "") + cell("Certificate", "")
            return html + cell("Quota", "") + cell("Failure", "") + "</tr>\n"
        }
        let started = StatusText.timestamp(probe.startedAt)
        html += cell("Last probe", "<time datetime=\"\(started)\" title=\"\(started)\">"
            + "\(StatusText.age(of: probe.startedAt, now: now))</time><span class=\"absolute\">\(started)</span>")
        html += cell("Phases", waterfall(probe.phases) + "<span class=\"total\">\(StatusText.duration(probe.totalSeconds))</span>")
        html += certificateCell(probe.certificateNotAfter, target, now: now)
        html += quotaCell(probe.fullestQuota, target)
        let failure = probe.failure.map {
            "<span class=\"reason\">\($0.phase.rawValue): \(HTML.escaped($0.code))</span> \(HTML.escaped($0.detail))"
        }
        return html + cell("Failure", failure ?? "") + "</tr>\n"
    }

    /// The phases that ran as one bar, each segment as wide as its share of their summed durations; the
    /// durations in the titles.
    static func waterfall(_ phases: [ProbeSummary.Timing]) -> String {
        guard !phases.isEmpty else { return "<span class=\"muted\">no phase ran</span>" }
        let sum = phases.reduce(0) { $0 + max(0, $1.seconds) }
        let title = phases.map { "\($0.phase.rawValue) \(StatusText.duration($0.seconds))" }.joined(separator: ", ")
        var html = "<div class=\"bar\" title=\"\(title)\">"
        for timing in phases {
            let share = sum > 0 ? max(0, timing.seconds) / sum : 1 / Double(phases.count)
            let colour = timing.failed ? "failed" : "phase-\(timing.phase.rawValue)"
            html += "<span class=\"seg \(colour)\" style=\"width:\(StatusText.fixed(share * 100, 3))%\" "
                + "title=\"\(timing.phase.rawValue) \(StatusText.duration(timing.seconds))"
                + "\(timing.failed ? " (failed)" : "")\"></span>"
        }
        return html + "</div>"
    }

    /// Days left on the certificate: `crit` when expired or below the critical days, `warn` below the warning days
    /// (the rules of `HealthEvaluator`).
    static func certificateCell(_ notAfter: Int64?, _ target: TargetStatus, now: Double) -> String {
        guard let notAfter else {
            // A TLS target whose probe failed before the handshake has a certificate nobody saw this time.
            let text = target.tlsMode == "none" ? "no TLS" : "not seen"
            return cell("Certificate", "<span class=\"muted\">\(text)</span>")
        }
        let days = HealthEvaluator.daysLeft(until: notAfter, now: now)
        let status = HealthEvaluator.certificateStatus(notAfter: notAfter, now: now, thresholds: target.thresholds)
        let level = levelClass(status)
        let text = Double(notAfter) - now <= 0 ? "expired \(-days) d ago" : "\(days) days left"
        let title = "until \(StatusText.timestamp(Double(notAfter))); warning below \(target.certificateDaysWarning), "
            + "critical below \(target.certificateDaysCritical) days"
        return cell("Certificate", "<span class=\"level \(level)\" title=\"\(title)\">\(text)</span>")
    }

    /// The CSS class of a cell's level: `crit`, `warn` or `ok`.
    static func levelClass(_ status: HealthStatus) -> String {
        switch status {
        case .critical: "crit"
        case .warning: "warn"
        case .ok, .unknown: "ok"
        }
    }

    /// The fullest quota resource: `crit` above the critical percent, `warn` above the warning percent.
    static func quotaCell(_ usage: HealthAssessment.QuotaUsage?, _ target: TargetStatus) -> String {
        guard let usage else { return cell("Quota", "<span class=\"muted\">none</span>") }
        let level = levelClass(HealthEvaluator.quotaStatus(percent: usage.percent, thresholds: target.thresholds))
        let title = "\(usage.root) \(usage.resource); warning above \(StatusText.number(target.quotaPercentWarning))"
            + " %, critical above \(StatusText.number(target.quotaPercentCritical)) %"
        return cell("Quota", "<span class=\"level \(level)\" title=\"\(HTML.escaped(title))\">"
            + "\(StatusText.fixed(usage.percent, 1)) %</span>")
    }

    /// A `<td>` labelled `label` holding `html` in one `<div>` (one grid item beside the label on a phone).
    static func cell(_ label: String, _ html: String) -> String {
        html.isEmpty ? "<td data-label=\"\(label)\"></td>" : "<td data-label=\"\(label)\"><div>\(html)</div></td>"
    }
}
