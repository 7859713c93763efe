import Prober

extension NagiosReport {
    /// Every phase that ran (seconds), `total`, `cert_days`, and per quota resource its percent and usage.
    public var perfdata: [Perfdatum] {
        var data: [Perfdatum] = result.phases.compactMap { record in
            record.outcome.duration.map { duration in
                Perfdatum(
                    label: record.phase.rawValue, value: duration.inSeconds, unit: "s",
                    warning: thresholds.phaseWarning[record.phase]?.text,
                    critical: thresholds.phaseCritical[record.phase]?.text, minimum: 0)
            }
        }
        data.append(
            Perfdatum(
                label: "total", value: result.totalDuration.inSeconds, unit: "s",
                warning: thresholds.totalWarning?.text, critical: thresholds.totalCritical?.text, minimum: 0))
        if let days = assessment.certificateDaysLeft {
            data.append(
                Perfdatum(
                    label: "cert_days", value: Double(days),
                    warning: thresholds.certificateWarningRange.text,
                    critical: thresholds.certificateCriticalRange.text))
        }
        for root in result.quota {
            for resource in root.resources {
                data.append(contentsOf: quotaPerfdata(root: root.root, resource: resource))
            }
        }
        return data
    }

    private func quotaPerfdata(root: String, resource: QuotaFacts.Resource) -> [Perfdatum] {
        let base = "quota_\(root)_\(resource.name.lowercased())"
        var data: [Perfdatum] = []
        if let percent = resource.percentUsed {
            data.append(
                Perfdatum(
                    label: base, value: percent, unit: "%", warning: thresholds.quotaWarningRange.text,
                    critical: thresholds.quotaCriticalRange.text, minimum: 0, maximum: 100))
        }
        data.append(
            Perfdatum(
                label: "\(base)_used", value: Double(resource.usage), unit: resource.unit == .bytes ? "B" : "",
                minimum: 0, maximum: resource.limit == 0 ? nil : Double(resource.limit)))
        return data
    }
}
